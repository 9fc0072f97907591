import type { Queryable } from './queryable';

/** Where each of these contributors stands, for those with a row: the level held (null once left). */
export async function standingsOf(db: Queryable, ids: string[]): Promise<Map<string, { level: string | null }>> {
  const { rows } = await db.query<{ id: string; level: string | null }>(
    'SELECT id, level FROM contributors WHERE id = ANY($1)',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { level: r.level }]));
}

/** Of these contributors, the ones an import wrote whose workflow has not begun (the import stopped between the two). */
export async function unstartedImports(db: Queryable, ids: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM contributors c
      WHERE c.id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM workflow_views v WHERE v.workflow_id = c.workflow_id)
        AND EXISTS (SELECT 1 FROM audit_events e WHERE e.contributor_id = c.id AND e.action = 'contributor.imported')`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** A person brought in at a level; false when their row was already there (an import repeated). */
export async function insertImported(
  db: Queryable,
  c: { id: string; ladderId: string; workflowId: string; name: string; email: string; language: string; level: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO contributors (id, ladder_id, workflow_id, name, email, language, level)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [c.id, c.ladderId, c.workflowId, c.name, c.email, c.language, c.level],
  );
  return rowCount === 1;
}
