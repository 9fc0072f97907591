import { now } from '../clock';
import type { ContributorStatus } from '../messages';

/** The contributor holds `level` from now on (or none): level, since when, and the history, together. */
export function holdLevel(status: ContributorStatus, level: string | null): void {
  status.level = level;
  status.levelSince = level === null ? null : now().toISOString();
  if (level !== null) status.history.push({ level, enteredAt: status.levelSince! });
}
