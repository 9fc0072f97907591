import type { Role } from '../platform/roles';
import type { Queryable } from './queryable';

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  contributor_id: string | null;
  created_at: Date;
  roles: { role: Role; ladderId: string | null }[];
}

const SELECT_STAFF = `SELECT a.id, a.email, a.name, a.contributor_id, a.created_at,
       COALESCE(json_agg(json_build_object('role', r.role, 'ladderId', r.ladder_id) ORDER BY r.role, r.ladder_id)
                FILTER (WHERE r.role IS NOT NULL), '[]') AS roles
  FROM staff_accounts a LEFT JOIN staff_roles r ON r.staff_id = a.id
 WHERE a.removed_at IS NULL`;

/** The account of an email address (any case), while it is not removed. */
export async function staffByEmail(db: Queryable, email: string): Promise<StaffRow | undefined> {
  const { rows } = await db.query<StaffRow>(`${SELECT_STAFF} AND lower(a.email) = lower($1) GROUP BY a.id`, [email]);
  return rows[0];
}

/** The account of an id, while it is not removed. */
export async function staffById(db: Queryable, id: string): Promise<StaffRow | undefined> {
  const { rows } = await db.query<StaffRow>(`${SELECT_STAFF} AND a.id = $1 GROUP BY a.id`, [id]);
  return rows[0];
}

export async function listStaff(db: Queryable): Promise<StaffRow[]> {
  const { rows } = await db.query<StaffRow>(`${SELECT_STAFF} GROUP BY a.id ORDER BY lower(a.email)`);
  return rows;
}

export async function insertStaff(
  db: Queryable,
  account: { id: string; email: string; name: string; contributorId: string | null },
): Promise<void> {
  await db.query('INSERT INTO staff_accounts (id, email, name, contributor_id) VALUES ($1, $2, $3, $4)', [
    account.id,
    account.email,
    account.name,
    account.contributorId,
  ]);
}

/** Changes the name or the contributor an account names; absent values stay as they are. */
export async function updateStaff(
  db: Queryable,
  id: string,
  change: { name?: string; contributorId?: string },
): Promise<void> {
  await db.query(
    'UPDATE staff_accounts SET name = COALESCE($2, name), contributor_id = COALESCE($3, contributor_id) WHERE id = $1',
    [id, change.name ?? null, change.contributorId ?? null],
  );
}

/** Grants a role; true when it is new, false when the account held it already. */
export async function grantRole(db: Queryable, staffId: string, role: Role, ladderId: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO staff_roles (staff_id, role, ladder_id) VALUES ($1, $2, $3)
     ON CONFLICT (staff_id, role, COALESCE(ladder_id, '')) DO NOTHING`,
    [staffId, role, ladderId],
  );
  return rowCount === 1;
}

/** Takes a role away; true when the account held it. */
export async function withdrawRole(
  db: Queryable,
  staffId: string,
  role: Role,
  ladderId: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `DELETE FROM staff_roles WHERE staff_id = $1 AND role = $2 AND COALESCE(ladder_id, '') = COALESCE($3, '')`,
    [staffId, role, ladderId],
  );
  return rowCount === 1;
}

/** Removes the account: its roles go, and the API keys that belong to it are revoked. Answers the keys revoked. */
export async function removeStaff(db: Queryable, staffId: string): Promise<string[]> {
  await db.query('DELETE FROM staff_roles WHERE staff_id = $1', [staffId]);
  await db.query('UPDATE staff_accounts SET removed_at = now() WHERE id = $1 AND removed_at IS NULL', [staffId]);
  const { rows } = await db.query<{ id: string }>(
    'UPDATE api_keys SET revoked_at = now() WHERE staff_id = $1 AND revoked_at IS NULL RETURNING id',
    [staffId],
  );
  return rows.map((r) => r.id);
}
