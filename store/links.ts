import { prepared } from './prepared';
import type { Queryable } from './queryable';

export type LinkActorType = 'candidate' | 'sponsor' | 'peer';

export interface LinkRow {
  used_at: Date | null;
  step_id: string;
  workflow_id: string;
  contributor_id: string;
  actor_type: LinkActorType;
  actor_id: string | null;
}

const insertLink = prepared<[string, string, string, string, Date, string, string | null]>(
  'INSERT INTO link_tokens (id, contributor_id, workflow_id, step_id, expires_at, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
);

/** The row that makes an emailed link single-use. */
export async function recordLink(
  db: Queryable,
  link: {
    id: string;
    contributorId: string;
    workflowId: string;
    stepId: string;
    expiresAt: Date;
    actorType: LinkActorType;
    actorId: string | null;
  },
): Promise<void> {
  await db.query(
    insertLink(link.id, link.contributorId, link.workflowId, link.stepId, link.expiresAt, link.actorType, link.actorId),
  );
}

const SELECT_LINK =
  'SELECT used_at, step_id, workflow_id, contributor_id, actor_type, actor_id FROM link_tokens WHERE id = $1';
const selectLink = prepared<[string]>(SELECT_LINK);

export async function findLink(db: Queryable, id: string): Promise<LinkRow | undefined> {
  const { rows } = await db.query<LinkRow>(selectLink(id));
  return rows[0];
}

const useLinkOnce = prepared<[string]>('UPDATE link_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL');

/** Marks a link used; false when it already was. */
export async function useLink(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(useLinkOnce(id));
  return Boolean(rowCount);
}
