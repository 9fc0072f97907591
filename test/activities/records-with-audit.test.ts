import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AuditEvent } from '../../activities/audit';
import { createBoardActivities, type SaveMotionInput } from '../../activities/board-activities';
import { createDisputeActivities } from '../../activities/dispute-activities';
import { createPool } from '../../store/pool';
import type { CastVote } from '../../domain/motion';
import type { Mailer } from '../../platform/mailer';

describe('a motion or a dispute written with its audit row', () => {
  let pool: Pool;
  let board: ReturnType<typeof createBoardActivities>;
  let disputes: ReturnType<typeof createDisputeActivities>;
  beforeAll(() => {
    pool = createPool(process.env.TEST_DATABASE_URL!);
    board = createBoardActivities({ pool });
    // saveDispute sends no mail.
    disputes = createDisputeActivities({ pool, mailer: {} as Mailer });
  });
  afterAll(async () => {
    await pool?.end();
  });

  const unique = () => randomBytes(6).toString('hex');
  const vote = (keyId: string): CastVote => ({ keyId, vote: 'approve', at: '2026-12-02T00:00:00.000Z' });
  const motion = (
    id: string,
    votes: CastVote[],
    state: SaveMotionInput['state'] = 'open',
    audit?: AuditEvent,
  ): SaveMotionInput => ({
    id,
    title: 'Appoint St Nick as Support Engineer',
    contributorId: `c-${id}`,
    workflowId: `wf-${id}`,
    state,
    seats: 7,
    quorum: 4,
    tally: { approve: votes.length, reject: 0, abstain: 0, block: 0 },
    votes,
    audit,
  });
  const audit = (key: string, action: string, contributorId: string): AuditEvent => ({
    idempotencyKey: key,
    actor: 'board:b1',
    action,
    contributorId,
  });
  const auditRows = async (contributorId: string) =>
    (
      await pool.query<{ action: string }>(
        'SELECT action FROM audit_events WHERE contributor_id = $1 ORDER BY chain_seq',
        [contributorId],
      )
    ).rows.map((r) => r.action);
  const motionRow = async (id: string) =>
    (await pool.query<{ state: string; votes: CastVote[] }>('SELECT state, votes FROM motions WHERE id = $1', [id]))
      .rows[0];

  test('when a vote is saved with its audit row, then both land, and a retry adds neither again', async () => {
    const id = unique();
    await board.saveMotion(motion(id, [], 'open', audit(`${id}:opened`, 'motion.opened', `c-${id}`)));
    const voted = motion(id, [vote('b1')], 'open', audit(`${id}:vote:b1`, 'motion.vote', `c-${id}`));
    await board.saveMotion(voted);
    await board.saveMotion(voted);
    expect(await auditRows(`c-${id}`)).toEqual(['motion.opened', 'motion.vote']);
    expect((await motionRow(id))?.votes.map((v) => v.keyId)).toEqual(['b1']);
  });

  test('when an earlier vote is written after a later one, then the motion keeps the later, and both audit rows land', async () => {
    const id = unique();
    await board.saveMotion(
      motion(id, [vote('b1'), vote('b2')], 'open', audit(`${id}:vote:b2`, 'motion.vote', `c-${id}`)),
    );
    await board.saveMotion(motion(id, [vote('b1')], 'open', audit(`${id}:vote:b1`, 'motion.vote', `c-${id}`)));
    expect((await motionRow(id))?.votes.map((v) => v.keyId)).toEqual(['b1', 'b2']);
    expect(await auditRows(`c-${id}`)).toEqual(['motion.vote', 'motion.vote']);
  });

  test('when a decided motion is written again as open, then it stays decided', async () => {
    const id = unique();
    const four = ['b1', 'b2', 'b3', 'b4'].map(vote);
    await board.saveMotion(motion(id, four, 'passed'));
    await board.saveMotion(motion(id, four, 'open'));
    expect((await motionRow(id))?.state).toBe('passed');
  });

  test('when the motion cannot be written, then its audit row is not written either', async () => {
    const id = unique();
    // 'carried' is not a state the table allows: the write fails, and the transaction with it.
    const refused = {
      ...motion(id, [vote('b1')], 'open', audit(`${id}:vote:b1`, 'motion.vote', `c-${id}`)),
      state: 'carried' as SaveMotionInput['state'],
    };
    await expect(board.saveMotion(refused)).rejects.toThrow(/motions_state_check/);
    expect(await auditRows(`c-${id}`)).toEqual([]);
    expect(await motionRow(id)).toBeUndefined();
  });

  test('when a verdict is saved with its audit row, then the dispute shows it and the row lands', async () => {
    const id = unique();
    await pool.query(
      "INSERT INTO disputes (id, contributor_id, workflow_id, state, filed_with, subject) VALUES ($1, $2, $3, 'open', 'arbitration@example.org', 'ABC')",
      [id, `c-${id}`, `wf-${id}`],
    );
    await disputes.saveDispute({
      disputeId: id,
      state: 'positive',
      audit: audit(`${id}:verdict`, 'dispute.verdict', `c-${id}`),
    });
    expect((await pool.query<{ state: string }>('SELECT state FROM disputes WHERE id = $1', [id])).rows[0]?.state).toBe(
      'positive',
    );
    expect(await auditRows(`c-${id}`)).toEqual(['dispute.verdict']);
  });
});
