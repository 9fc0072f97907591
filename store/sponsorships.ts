import type { Queryable } from './queryable';

/** The sponsor answers for the candidate at that level; recording it again changes nothing. */
export async function recordSponsorship(
  db: Queryable,
  s: {
    sponsorId: string;
    contributorId: string;
    ladderId: string;
    level: string;
    workflowId: string;
    statement: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO sponsorships (sponsor_id, contributor_id, ladder_id, level, workflow_id, statement)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [s.sponsorId, s.contributorId, s.ladderId, s.level, s.workflowId, s.statement],
  );
}

/** Everyone the sponsor vouched for, with the workflow that follows them. */
export async function sponsoredBy(
  db: Queryable,
  sponsorId: string,
): Promise<{ contributorId: string; workflowId: string }[]> {
  const { rows } = await db.query<{ contributorId: string; workflowId: string }>(
    `SELECT DISTINCT c.id AS "contributorId", c.workflow_id AS "workflowId"
       FROM sponsorships s JOIN contributors c ON c.id = s.contributor_id
      WHERE s.sponsor_id = $1 ORDER BY c.id`,
    [sponsorId],
  );
  return rows;
}
