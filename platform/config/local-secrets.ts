import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './schema';

export interface SigningKey {
  kid: string;
  secret: string;
}

/**
 * Reads a secret kept in the data folder, creating it on first use, so that a
 * machine with no configuration still signs links that survive a restart.
 */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets', name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // The data folder itself stays traversable: the embedded PostgreSQL may run as another user.
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  // 'wx' loses the race to a concurrent first start gracefully: re-read below.
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8').trim();
}

export function linkSigningKeys(config: Config): SigningKey[] {
  return config.LINK_SIGNING_KEYS ?? [{ kid: 'local', secret: localSecret(config.DATA_DIR, 'link-signing-key') }];
}
