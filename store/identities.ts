import type { Queryable } from './queryable';

/** Who the contributor is on a system (an IRC account, a wiki user); named again, the newer name stands. */
export async function recordIdentity(
  db: Queryable,
  contributorId: string,
  system: string,
  identity: string,
): Promise<void> {
  await db.query(
    `INSERT INTO contributor_identities (contributor_id, system, identity) VALUES ($1, $2, $3)
     ON CONFLICT (contributor_id, system) DO UPDATE SET identity = EXCLUDED.identity, updated_at = now()`,
    [contributorId, system, identity],
  );
}

export interface PersonRow {
  id: string;
  ladder_id: string;
  level: string | null;
  email: string;
  active: boolean;
  identities: Record<string, string> | null;
}

/** Everyone not yet purged, with their level and the identities they named: what reconciliation compares. */
export async function peopleWithIdentities(db: Queryable): Promise<PersonRow[]> {
  const { rows } = await db.query<PersonRow>(
    `SELECT c.id, c.ladder_id, c.level, c.email, (c.left_at IS NULL AND c.level IS NOT NULL) AS active,
            (SELECT jsonb_object_agg(i.system, i.identity) FROM contributor_identities i WHERE i.contributor_id = c.id) AS identities
       FROM contributors c WHERE c.purged_at IS NULL`,
  );
  return rows;
}
