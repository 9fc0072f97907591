import type { Role } from '../platform/roles';
import { prepared } from './prepared';
import type { Queryable } from './queryable';

export interface KeyRow {
  id: string;
  name: string;
  role: Role;
  contributor_id: string | null;
  ladder_id: string | null;
  staff_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, role, contributor_id, ladder_id, staff_id, created_at, expires_at, revoked_at';

/** Only the secret's hash is stored. */
export async function insertKey(
  db: Queryable,
  key: {
    id: string;
    name: string;
    role: Role;
    secretHash: Buffer;
    expiresAt: Date | null;
    contributorId: string | null;
    ladderId: string | null;
    staffId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO api_keys (id, name, role, secret_hash, expires_at, contributor_id, ladder_id, staff_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [key.id, key.name, key.role, key.secretHash, key.expiresAt, key.contributorId, key.ladderId, key.staffId],
  );
}

const selectKeyWithHash = prepared<[string]>(`SELECT ${COLUMNS}, secret_hash FROM api_keys WHERE id = $1`);

/** A key with its secret's hash, to check a presented key against. */
export async function keyWithHash(db: Queryable, id: string): Promise<(KeyRow & { secret_hash: Buffer }) | undefined> {
  const { rows } = await db.query<KeyRow & { secret_hash: Buffer }>(selectKeyWithHash(id));
  return rows[0];
}

export async function listKeys(db: Queryable): Promise<KeyRow[]> {
  const { rows } = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at`);
  return rows;
}

export async function findKey(db: Queryable, id: string): Promise<KeyRow | undefined> {
  const { rows } = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
  return rows[0];
}

/** The key as revoked now, or undefined when no active key has that id. */
export async function revokeKey(db: Queryable, id: string): Promise<KeyRow | undefined> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id],
  );
  return rows[0];
}
