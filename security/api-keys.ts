import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from './roles';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const KEY_FORMAT = /^tlk_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest();

/** Creates a key; the full key is returned this once, only its hash is stored. */
export async function createApiKey(pool: Pool, input: { role: Role; name: string; expiresAt?: Date }): Promise<{ id: string; key: string }> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO api_keys (id, name, role, secret_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    id,
    input.name,
    input.role,
    hash(secret),
    input.expiresAt ?? null,
  ]);
  return { id, key: `tlk_${id}_${secret}` };
}

/** The key's record if the presented key is well-formed, known, unrevoked and unexpired. */
export async function authenticateApiKey(pool: Pool, presented: string, now = new Date()): Promise<ApiKeyRecord | undefined> {
  const match = KEY_FORMAT.exec(presented);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const { rows } = await pool.query<{ id: string; name: string; role: Role; secret_hash: Buffer; created_at: Date; expires_at: Date | null; revoked_at: Date | null }>(
    'SELECT id, name, role, secret_hash, created_at, expires_at, revoked_at FROM api_keys WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(row.secret_hash, hash(secret))) return undefined;
  if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

export async function listApiKeys(pool: Pool): Promise<ApiKeyRecord[]> {
  const { rows } = await pool.query<{ id: string; name: string; role: Role; created_at: Date; expires_at: Date | null; revoked_at: Date | null }>(
    'SELECT id, name, role, created_at, expires_at, revoked_at FROM api_keys ORDER BY created_at',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at }));
}

export async function revokeApiKey(pool: Pool, id: string): Promise<boolean> {
  const result = await pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return result.rowCount === 1;
}
