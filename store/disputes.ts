import { onLadder, type Queryable } from './queryable';

/** The states the disputes table allows (its check constraint). */
export type DisputeState = 'open' | 'positive' | 'negative' | 'timed-out' | 'withdrawn';

export interface DisputeRow {
  id: string;
  contributor_id: string;
  workflow_id: string;
  state: DisputeState;
  filed_with: string;
  subject: string;
  filed_at: Date;
}

/** Records a dispute filed with arbitration; filing it again (a retried activity) changes nothing. */
export async function recordDispute(
  db: Queryable,
  dispute: { id: string; contributorId: string; workflowId: string; filedWith: string; subject: string },
): Promise<void> {
  await db.query(
    `INSERT INTO disputes (id, contributor_id, workflow_id, state, filed_with, subject) VALUES ($1, $2, $3, 'open', $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [dispute.id, dispute.contributorId, dispute.workflowId, dispute.filedWith, dispute.subject],
  );
}

export async function setDisputeState(db: Queryable, disputeId: string, state: DisputeState): Promise<void> {
  await db.query('UPDATE disputes SET state = $2, updated_at = now() WHERE id = $1', [disputeId, state]);
}

export async function findDispute(db: Queryable, id: string): Promise<DisputeRow | undefined> {
  const { rows } = await db.query<DisputeRow>('SELECT * FROM disputes WHERE id = $1', [id]);
  return rows[0];
}

/** The latest disputes, in a state or any, of one ladder's contributors or all (`ladderId` null). */
export async function listDisputes(
  db: Queryable,
  state: string | null,
  ladderId: string | null,
): Promise<DisputeRow[]> {
  const { rows } = await db.query<DisputeRow>(
    `SELECT d.* FROM disputes d WHERE ($1::text IS NULL OR d.state = $1) AND ${onLadder('d', '$2')} ORDER BY d.filed_at DESC LIMIT 500`,
    [state, ladderId],
  );
  return rows;
}

/** A contributor's latest background-check dispute, with arbitration's verdict once there is one. */
export async function latestDisputeOf(db: Queryable, contributorId: string): Promise<DisputeRow | undefined> {
  const { rows } = await db.query<DisputeRow>(
    'SELECT * FROM disputes WHERE contributor_id = $1 ORDER BY filed_at DESC LIMIT 1',
    [contributorId],
  );
  return rows[0];
}
