import type { Queryable } from './queryable';

/** A person as the systems know them: their email, and their account names where these differ. */
export interface KnownPerson {
  email: string;
  identities: Record<string, string>;
}

const IDENTITIES = `COALESCE((SELECT jsonb_object_agg(i.system, i.identity) FROM contributor_identities i
                               WHERE i.contributor_id = c.id), '{}'::jsonb)`;

export async function whoOn(db: Queryable, contributorId: string): Promise<KnownPerson | undefined> {
  const { rows } = await db.query<KnownPerson>(
    `SELECT c.email, ${IDENTITIES} AS identities FROM contributors c WHERE c.id = $1 AND c.purged_at IS NULL`,
    [contributorId],
  );
  return rows[0];
}

export interface PersonToRead extends KnownPerson {
  id: string;
  workflowId: string;
  ladderId: string;
  /** Their last sign of life as their workflow shows it (else when they entered the level). */
  lastActiveAt: string | null;
}

/** A page, in id order, of the people holding a level on these ladders, with their last sign of life. */
export async function peopleToRead(
  db: Queryable,
  ladderIds: string[],
  after: string,
  limit: number,
): Promise<PersonToRead[]> {
  const { rows } = await db.query<PersonToRead>(
    `SELECT c.id, c.workflow_id AS "workflowId", c.ladder_id AS "ladderId", c.email, ${IDENTITIES} AS identities,
            COALESCE(v.view->>'lastActiveAt', v.view->>'levelSince') AS "lastActiveAt"
       FROM contributors c JOIN workflow_views v ON v.workflow_id = c.workflow_id
      WHERE c.ladder_id = ANY($1) AND c.level IS NOT NULL AND c.left_at IS NULL AND c.id > $2
      ORDER BY c.id LIMIT $3`,
    [ladderIds, after, limit],
  );
  return rows;
}
