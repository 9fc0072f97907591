import type { Pool } from 'pg';
import type { CastVote, MotionState, Vote } from '../domain/motion';

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
}

export function createBoardActivities({ pool }: { pool: Pool }) {
  return {
    /** Writes the motion's projection as the workflow sees it now; the last write wins, and it is the workflow's. */
    async saveMotion(input: SaveMotionInput): Promise<void> {
      await pool.query(
        `INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally, votes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, tally = EXCLUDED.tally, votes = EXCLUDED.votes, updated_at = now()`,
        [input.id, input.contributorId, input.workflowId, input.title, input.state, input.seats, input.quorum, JSON.stringify(input.tally), JSON.stringify(input.votes)],
      );
    },

    async closeMotion(input: { motionId: string; state: 'withdrawn' }): Promise<void> {
      await pool.query("UPDATE motions SET state = $2, updated_at = now() WHERE id = $1 AND state = 'open'", [input.motionId, input.state]);
    },
  };
}
