import { prepared } from './prepared';
import type { Queryable } from './queryable';

const upsertView = prepared<[string, string, number, number, string]>(
  `INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view)
   VALUES ($1, $2, to_timestamp($3::double precision / 1000), $4, $5)
   ON CONFLICT (workflow_id) DO UPDATE SET revised_at = EXCLUDED.revised_at, revision = EXCLUDED.revision, view = EXCLUDED.view
   WHERE (workflow_views.revised_at, workflow_views.revision) < (EXCLUDED.revised_at, EXCLUDED.revision)`,
);

/** Writes a workflow's view; a retried or overtaken write leaves a newer row as it is. */
export async function saveView(
  db: Queryable,
  v: { workflowId: string; contributorId: string; revisedAt: number; revision: number; view: unknown },
): Promise<void> {
  await db.query(upsertView(v.workflowId, v.contributorId, v.revisedAt, v.revision, JSON.stringify(v.view)));
}

const selectView = prepared<[string]>('SELECT view FROM workflow_views WHERE workflow_id = $1');

/** What a workflow last wrote, if it keeps a row. */
export async function viewOf<T>(db: Queryable, workflowId: string): Promise<T | undefined> {
  const { rows } = await db.query<{ view: T }>(selectView(workflowId));
  return rows[0]?.view;
}

const selectViews = prepared<[string, string[]]>(
  `SELECT s.view AS status, o.view AS other
     FROM workflow_views s LEFT JOIN workflow_views o ON o.workflow_id = s.view #>> $2
    WHERE s.workflow_id = $1`,
);

/** A workflow's view and the view of the workflow it names at `pathToOther`, in one round trip. */
export async function viewWithNamed<T, U>(
  db: Queryable,
  workflowId: string,
  pathToOther: string[],
): Promise<{ status?: T; other?: U }> {
  const { rows } = await db.query<{ status: T; other: U | null }>(selectViews(workflowId, pathToOther));
  return { status: rows[0]?.status, other: rows[0]?.other ?? undefined };
}
