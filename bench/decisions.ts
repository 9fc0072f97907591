import type { Pool } from 'pg';
import { accessOf } from '../domain/access';
import type { Ladder } from '../domain/ladder';
import type { ApiClient } from './api-client';
import type { Walked } from './onboarding';

export interface DecisionKeys {
  leader: string;
  arbitrator: string;
  /** Four board members: the motion's majority of seven seats. */
  board: string[];
}

/** Entitlements a contributor holds on entering Triage: what their onboarding must have granted. */
export const grantsOnTriage = (ladder: Ladder): number => accessOf(ladder, 'triage').length;

/** Entitlements Support Engineers hold that Triage does not: what the deciding vote must grant. */
export function grantsOnAppointment(ladder: Ladder): number {
  const triage = new Set(accessOf(ladder, 'triage').map((a) => `${a.system}\u0000${a.entitlement}`));
  return accessOf(ladder, 'se').filter((a) => !triage.has(`${a.system}\u0000${a.entitlement}`)).length;
}

/** Reads until there is an answer, every 20 ms, for at most `timeoutMs`. */
async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Takes a Triage contributor to Support Engineer: challenges, the arbitrated
 * background check, the board's motion. Answers the milliseconds from sending
 * the deciding vote to the audit row of the last access grant it caused.
 */
export async function decisionToAccess(
  api: ApiClient,
  pool: Pool,
  keys: DecisionKeys,
  who: Walked,
  expectedGrants: number,
): Promise<number> {
  const { id } = who;
  const status = `/v1/contributors/${id}`;
  await api.post('promotion', `${status}/promotions`, keys.leader, {});
  for (const challenge of ['Triage-3', 'Support-2'])
    await api.post('check', `${status}/checks`, keys.leader, { challenge, result: 'passed' });

  const dispute = await until(async () => {
    const open = (await api.get('list', '/v1/disputes?status=open', keys.arbitrator)).body as unknown as {
      id: string;
      contributorId: string;
    }[];
    return open.find((d) => d.contributorId === id);
  }, `the background check of ${id}`);
  await api.post('verdict', `/v1/disputes/${dispute.id}/verdict`, keys.arbitrator, {
    verdict: 'positive',
    note: 'benchmark',
  });

  const motion = await until(async () => {
    const open = (await api.get('list', '/v1/motions?status=open', keys.board[0]!)).body as unknown as {
      id: string;
      contributorId: string;
    }[];
    return open.find((m) => m.contributorId === id);
  }, `the motion on ${id}`);
  const [decider, ...others] = keys.board;
  for (const key of others) await api.post('vote', `/v1/motions/${motion.id}/votes`, key, { vote: 'approve' });
  // The Triage term (a second in the benchmark's ladder) must have passed, so that the vote, not the timer, decides.
  await until(async () => {
    const steps = (await api.get('status read', status, keys.leader)).body.steps as { id: string; status: string }[];
    return steps.some((s) => s.id === 'tenure' && s.status === 'done') || undefined;
  }, `the Triage term of ${id}`);

  const sent = new Date();
  await api.post('vote', `/v1/motions/${motion.id}/votes`, decider!, { vote: 'approve' });
  const lastGrant = await until(async () => {
    const { rows } = await pool.query<{ granted: number; last: Date }>(
      `SELECT count(*)::int AS granted, max(occurred_at) AS last FROM audit_events WHERE contributor_id = $1 AND action = 'access.granted' AND occurred_at >= $2`,
      [id, sent],
    );
    return rows[0]!.granted >= expectedGrants ? rows[0]!.last : undefined;
  }, `the SE access of ${id}`);
  return lastGrant.getTime() - sent.getTime();
}

/** Waits until each of the contributors has had `grants` entitlements granted (by the audit trail). */
export async function accessGranted(pool: Pool, ids: readonly string[], grants: number): Promise<void> {
  await until(
    async () => {
      const { rows } = await pool.query<{ granted: number }>(
        "SELECT count(*)::int AS granted FROM audit_events WHERE contributor_id = ANY($1) AND action = 'access.granted'",
        [ids],
      );
      return rows[0]!.granted >= ids.length * grants || undefined;
    },
    `the Triage access of ${ids.length} contributors`,
    600_000,
  );
}
