import type { Statement } from '../workflows/messages';
import type { CastVote, MotionState, Vote } from '../domain/motion';
import { onLadder, type Queryable } from './queryable';

/** A board motion as the workflow deciding it last saw it. */
export interface MotionRecord {
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

export interface MotionRow {
  id: string;
  contributor_id: string;
  workflow_id: string;
  title: string;
  /** As decided, or withdrawn with its promotion. */
  state: MotionState | 'withdrawn';
  seats: number;
  quorum: number;
  tally: Record<Vote, number>;
  opened_at: Date;
  /** What the candidate's sponsors and peers wrote, from the promotion's view (listMotions only). */
  statements?: Statement[] | null;
}

/**
 * Writes the motion as the workflow saw it. Votes only add up and a decided
 * motion stays decided, so a write that lands after a later one (two votes'
 * writes overtaking each other) leaves the later one standing.
 */
export async function saveMotion(db: Queryable, motion: MotionRecord): Promise<void> {
  await db.query(
    `INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally, votes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, tally = EXCLUDED.tally, votes = EXCLUDED.votes, updated_at = now()
     WHERE motions.state = 'open' AND jsonb_array_length(EXCLUDED.votes) >= jsonb_array_length(motions.votes)`,
    [
      motion.id,
      motion.contributorId,
      motion.workflowId,
      motion.title,
      motion.state,
      motion.seats,
      motion.quorum,
      JSON.stringify(motion.tally),
      JSON.stringify(motion.votes),
    ],
  );
}

/** Closes a motion still open (withdrawn with its promotion). */
export async function closeMotion(db: Queryable, motionId: string, state: 'withdrawn'): Promise<void> {
  await db.query("UPDATE motions SET state = $2, updated_at = now() WHERE id = $1 AND state = 'open'", [
    motionId,
    state,
  ]);
}

export async function findMotion(db: Queryable, id: string): Promise<MotionRow | undefined> {
  const { rows } = await db.query<MotionRow>('SELECT * FROM motions WHERE id = $1', [id]);
  return rows[0];
}

/** The latest motions, in a state or any, of one ladder's contributors or all (`ladderId` null). */
export async function listMotions(db: Queryable, state: string | null, ladderId: string | null): Promise<MotionRow[]> {
  const { rows } = await db.query<MotionRow>(
    `SELECT m.*, v.view -> 'statements' AS statements
       FROM motions m LEFT JOIN workflow_views v ON v.workflow_id = m.workflow_id
      WHERE ($1::text IS NULL OR m.state = $1) AND ${onLadder('m', '$2')}
      ORDER BY m.opened_at DESC LIMIT 500`,
    [state, ladderId],
  );
  return rows;
}
