import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { appendAudit } from '../store/audit';
import { inTransaction } from '../store/transaction';
import { ladderScopeBreach, type Role } from './roles';
import { findKey, insertKey, keyWithHash, listKeys, revokeKey, type KeyRow } from '../store/keys';

/** Who calls a route: an API key, or a staff member signed in to the console. */
export interface Caller {
  /** The key's id, or "staff:<account id>": the actor the audit trail names. */
  id: string;
  name: string;
  role: Role;
  /** The contributor the caller is, for people on a ladder (a board member never votes on their own case). */
  contributorId: string | null;
  /** The one ladder a team leader acts on now; other roles act organisation-wide (null). */
  ladderId: string | null;
  /** Every ladder a signed-in team leader leads (a key leads one). */
  ladders?: string[];
  /** The staff account behind the caller, when there is one. */
  staffId?: string | null;
}

export interface ApiKeyRecord extends Caller {
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const KEY_FORMAT = /^tlk_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  contributorId: r.contributor_id,
  ladderId: r.ladder_id,
  staffId: r.staff_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const hash = (secret: string) => createHash('sha256').update(secret).digest();

export interface NewApiKey {
  role: Role;
  name: string;
  expiresAt?: Date;
  contributorId?: string;
  ladderId?: string;
  /** The staff account the key belongs to: it ends when the account is removed. */
  staffId?: string;
}

/** Why a key could not be made as asked, or undefined: a team leader's key names its ladder, and only theirs does. */
export function newKeyProblem(input: NewApiKey): string | undefined {
  const breach = ladderScopeBreach(input.role, input.ladderId);
  if (breach === 'missing') return "a team leader's key names the ladder it acts on";
  if (breach === 'extra') return `a ${input.role} key acts organisation-wide and names no ladder`;
  return undefined;
}

/**
 * Creates a key; the full key is returned this once, only its hash is stored.
 * `by` is who asked, for the audit trail: "operator" (the command line) or "admin:<key id>".
 */
export async function createApiKey(
  pool: Pool,
  input: NewApiKey,
  by = 'operator',
): Promise<{ id: string; key: string }> {
  const problem = newKeyProblem(input);
  if (problem) throw new Error(problem);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await inTransaction(pool, async (client) => {
    await insertKey(client, {
      id,
      name: input.name,
      role: input.role,
      secretHash: hash(secret),
      expiresAt: input.expiresAt ?? null,
      contributorId: input.contributorId ?? null,
      ladderId: input.ladderId ?? null,
      staffId: input.staffId ?? null,
    });
    await appendAudit(client, {
      idempotencyKey: `key:${id}:created`,
      actor: by,
      action: 'key.created',
      details: {
        key: id,
        role: input.role,
        ladder: input.ladderId ?? null,
        expiresAt: input.expiresAt?.toISOString() ?? null,
        ...(input.staffId ? { staff: input.staffId } : {}),
      },
    });
  });
  return { id, key: `tlk_${id}_${secret}` };
}

/** The key's record if the presented key is well-formed, known, unrevoked and unexpired. */
export async function authenticateApiKey(
  pool: Pool,
  presented: string,
  now = new Date(),
): Promise<ApiKeyRecord | undefined> {
  const match = KEY_FORMAT.exec(presented);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const row = await keyWithHash(pool, id);
  if (!row || !timingSafeEqual(row.secret_hash, hash(secret))) return undefined;
  if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
  return toRecord(row);
}

export async function listApiKeys(pool: Pool): Promise<ApiKeyRecord[]> {
  return (await listKeys(pool)).map(toRecord);
}

export async function findApiKey(pool: Pool, id: string): Promise<ApiKeyRecord | undefined> {
  const row = await findKey(pool, id);
  return row && toRecord(row);
}

/** The key as revoked now, or undefined when there is no active key of that id. */
export async function revokeApiKey(pool: Pool, id: string, by = 'operator'): Promise<ApiKeyRecord | undefined> {
  return inTransaction(pool, async (client) => {
    const row = await revokeKey(client, id);
    if (!row) return undefined;
    await appendAudit(client, {
      idempotencyKey: `key:${id}:revoked`,
      actor: by,
      action: 'key.revoked',
      details: { key: id },
    });
    return toRecord(row);
  });
}
