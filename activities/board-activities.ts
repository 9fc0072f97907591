import type { Pool } from 'pg';
import type { CastVote, MotionState, Vote } from '../domain/motion';
import { writeWithAudit, type AuditEvent } from './audit';

export interface SaveMotionInput {
  id: string;
  title: string;
  contributorId: string;
  workflowId: string;
  state: MotionState;
  seats: number;
  quorum: number;
  tally: Record<Vote, number>;
  votes: CastVote[];
  /** What changed it (the motion opened, a vote), written with it. */
  audit?: AuditEvent;
}

export function createBoardActivities({ pool }: { pool: Pool }) {
  return {
    /**
     * Writes the motion's projection as the workflow saw it, with the audit row of what changed it.
     * Votes only add up and a decided motion stays decided, so a write that lands after a later one
     * (two votes' writes overtaking each other) leaves the later one standing.
     */
    async saveMotion(input: SaveMotionInput): Promise<void> {
      await writeWithAudit(pool, input.audit, (db) =>
        db.query(
          `INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally, votes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, tally = EXCLUDED.tally, votes = EXCLUDED.votes, updated_at = now()
         WHERE motions.state = 'open' AND jsonb_array_length(EXCLUDED.votes) >= jsonb_array_length(motions.votes)`,
          [
            input.id,
            input.contributorId,
            input.workflowId,
            input.title,
            input.state,
            input.seats,
            input.quorum,
            JSON.stringify(input.tally),
            JSON.stringify(input.votes),
          ],
        ),
      );
    },

    async closeMotion(input: { motionId: string; state: 'withdrawn' }): Promise<void> {
      await pool.query("UPDATE motions SET state = $2, updated_at = now() WHERE id = $1 AND state = 'open'", [
        input.motionId,
        input.state,
      ]);
    },
  };
}
