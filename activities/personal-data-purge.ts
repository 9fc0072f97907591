import type { Pool } from 'pg';
import { dueForPurge, erasePersonalData } from '../store/purge';
import { inTransaction } from '../store/transaction';
import { writeAudit } from './audit';

export interface PurgeResult {
  purged: string[];
  /** More contributors are due than this run took: run again. */
  more: boolean;
}

/**
 * Erases the personal data of contributors who left the ladder more than
 * `retentionDays` ago (store/purge.ts says what), each with its audit row.
 * What stays is pseudonymous: ids, levels, dates and decisions.
 */
export async function purgePersonalData(
  pool: Pool,
  options: { retentionDays: number; limit?: number; now?: Date; dryRun?: boolean },
): Promise<PurgeResult> {
  const limit = options.limit ?? 100;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 86_400_000);
  const rows = await dueForPurge(pool, cutoff, limit + 1);
  const due = rows.slice(0, limit);
  if (!options.dryRun) for (const id of due) await purgeOne(pool, id, options.retentionDays);
  return { purged: due, more: rows.length > limit };
}

async function purgeOne(pool: Pool, id: string, retentionDays: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    if (!(await erasePersonalData(client, id))) return;
    await writeAudit(client, {
      idempotencyKey: `purge:${id}`,
      actor: 'system',
      action: 'contributor.purged',
      contributorId: id,
      details: { retentionDays },
    });
  });
}
