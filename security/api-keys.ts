import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  /** The contributor who holds the key, for keys of people on a ladder (a board member never votes on their own case). */
  contributorId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const KEY_FORMAT = /^tlk_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

interface KeyRow {
  id: string;
  name: string;
  role: Role;
  contributor_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}
const COLUMNS = 'id, name, role, contributor_id, created_at, expires_at, revoked_at';
const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  contributorId: r.contributor_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const hash = (secret: string) => createHash('sha256').update(secret).digest();

/** Creates a key; the full key is returned this once, only its hash is stored. */
export async function createApiKey(pool: Pool, input: { role: Role; name: string; expiresAt?: Date; contributorId?: string }): Promise<{ id: string; key: string }> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO api_keys (id, name, role, secret_hash, expires_at, contributor_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    input.name,
    input.role,
    hash(secret),
    input.expiresAt ?? null,
    input.contributorId ?? null,
  ]);
  return { id, key: `tlk_${id}_${secret}` };
}

/** The key's record if the presented key is well-formed, known, unrevoked and unexpired. */
export async function authenticateApiKey(pool: Pool, presented: string, now = new Date()): Promise<ApiKeyRecord | undefined> {
  const match = KEY_FORMAT.exec(presented);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const { rows } = await pool.query<KeyRow & { secret_hash: Buffer }>(`SELECT ${COLUMNS}, secret_hash FROM api_keys WHERE id = $1`, [id]);
  const row = rows[0];
  if (!row || !timingSafeEqual(row.secret_hash, hash(secret))) return undefined;
  if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
  return toRecord(row);
}

export async function listApiKeys(pool: Pool): Promise<ApiKeyRecord[]> {
  const { rows } = await pool.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at`);
  return rows.map(toRecord);
}

export async function revokeApiKey(pool: Pool, id: string): Promise<boolean> {
  const result = await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return result.rowCount === 1;
}
