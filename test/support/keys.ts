import type { Pool } from 'pg';
import { createApiKey } from '../../platform/api-keys';
import type { Role } from '../../platform/roles';

export interface KeyOptions {
  /** The ladder of a team leader's key; cacert-support unless named. */
  ladder?: string;
  /** The contributor who holds the key (a board member with a case of their own). */
  contributorId?: string;
}

/** A fresh API key for a test, made the way `npm run keys -- create` makes one. */
export async function testKey(pool: Pool, role: Role, options: KeyOptions = {}): Promise<string> {
  const ladderId = role === 'team-leader' ? (options.ladder ?? 'cacert-support') : undefined;
  return (await createApiKey(pool, { role, name: `test ${role}`, ladderId, contributorId: options.contributorId })).key;
}
