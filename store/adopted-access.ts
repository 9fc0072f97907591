import type { Grant } from '../domain/access';
import type { Queryable } from './queryable';

/** Records access a person held before their import, beyond their level; recording it again changes nothing. */
export async function recordAdopted(db: Queryable, contributorId: string, grants: Grant[]): Promise<void> {
  for (const g of grants)
    await db.query(
      `INSERT INTO adopted_access (contributor_id, system, entitlement, identity) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [contributorId, g.system, g.entitlement, g.identity],
    );
}

/** Adopted access of people still holding a level, as `system entitlement identity` keys: reconciliation leaves these. */
export async function adoptedOfActive(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT a.system || ' ' || a.entitlement || ' ' || a.identity AS key
       FROM adopted_access a JOIN contributors c ON c.id = a.contributor_id
      WHERE c.level IS NOT NULL AND c.left_at IS NULL`,
  );
  return new Set(rows.map((r) => r.key));
}
