import { prepared } from './prepared';
import type { Queryable } from './queryable';

/** The built-in directory: access kept in PostgreSQL for a system with no adapter configured. */
const selectHolds = prepared<[string, string, string]>(
  'SELECT 1 FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3',
);
const insertGrant = prepared<[string, string, string]>(
  'INSERT INTO directory_access (system, entitlement, identity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
);
const deleteGrant = prepared<[string, string, string]>(
  'DELETE FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3',
);

export async function directoryHolds(
  db: Queryable,
  system: string,
  entitlement: string,
  identity: string,
): Promise<boolean> {
  return (await db.query(selectHolds(system, entitlement, identity))).rowCount === 1;
}

export async function directoryGrant(
  db: Queryable,
  system: string,
  entitlement: string,
  identity: string,
): Promise<void> {
  await db.query(insertGrant(system, entitlement, identity));
}

export async function directoryRevoke(
  db: Queryable,
  system: string,
  entitlement: string,
  identity: string,
): Promise<void> {
  await db.query(deleteGrant(system, entitlement, identity));
}

export async function directoryHolders(db: Queryable, system: string, entitlement: string): Promise<string[]> {
  const { rows } = await db.query<{ identity: string }>(
    'SELECT identity FROM directory_access WHERE system = $1 AND entitlement = $2 ORDER BY identity',
    [system, entitlement],
  );
  return rows.map((r) => r.identity);
}
