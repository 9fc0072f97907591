import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; undefined once it is gone. */
function cpuSecondsOf(pid: number): { name: string; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; the fields after it are fixed.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Map<string, number>;

/**
 * CPU seconds used so far, by part of the system: the named processes by
 * their pid, and every other process by its command name (the Temporal
 * server, PostgreSQL's many backends), so that a phase's share of each can be
 * told by the difference of two snapshots.
 */
export function cpuSnapshot(named: Record<string, number>): CpuSnapshot {
  const byPid = new Map(Object.entries(named).map(([label, pid]) => [pid, label]));
  const snapshot: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const used = cpuSecondsOf(Number(entry));
    if (!used || used.seconds === 0) continue;
    const label = byPid.get(Number(entry)) ?? used.name;
    snapshot.set(label, (snapshot.get(label) ?? 0) + used.seconds);
  }
  return snapshot;
}

/** CPU seconds each part used between two snapshots, per unit of work, busiest first; parts under 1% of the total are left out. */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const used = [...after]
    .map(([label, seconds]) => [label, seconds - (before.get(label) ?? 0)] as const)
    .filter(([, s]) => s > 0);
  const total = used.reduce((sum, [, s]) => sum + s, 0);
  const shown = used.filter(([, s]) => s >= total / 100).sort((a, b) => b[1] - a[1]);
  const perUnit = (seconds: number) => Math.round((seconds / units) * 1000);
  return { ...Object.fromEntries(shown.map(([label, s]) => [label, perUnit(s)])), total: perUnit(total) };
}
