/**
 * `npm run keys -- create --role <role> --name <name> [--expires-in-days N]`
 * `npm run keys -- list`
 * `npm run keys -- revoke <key id>`
 * Works beside a running `npm start` (same database), or alone.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { createLogger } from '../infra/logger';
import { createApiKey, listApiKeys, revokeApiKey } from '../security/api-keys';
import { isRole, ROLES } from '../security/roles';

const USAGE = `usage:
  npm run keys -- create --role <${ROLES.join('|')}> --name <name> [--expires-in-days <n>] [--contributor <contributor id>]
  npm run keys -- list
  npm run keys -- revoke <key id>`;

class UsageError extends Error {}

async function withDatabase<T>(work: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'keys');
  let url = config.DATABASE_URL ?? findRunningEmbeddedPostgres(config.DATA_DIR);
  let stop = async () => undefined as void;
  if (!url) {
    const postgres = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log });
    url = postgres.url;
    stop = () => postgres.stop();
  }
  const pool = createPool(url, 1);
  try {
    await migrate(pool);
    return await work(pool);
  } finally {
    await pool.end();
    await stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, 'expires-in-days': { type: 'string' }, contributor: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      const { role, name } = values;
      if (!role || !isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (!name?.trim()) throw new UsageError('--name is required: whose key is this?');
      const days = values['expires-in-days'];
      if (days !== undefined && !(Number(days) > 0)) throw new UsageError('--expires-in-days must be a positive number');
      const expiresAt = days === undefined ? undefined : new Date(Date.now() + Number(days) * 86_400_000);
      const contributorId = values.contributor;
      if (contributorId !== undefined && !new RegExp(CONTRIBUTOR_ID_PATTERN).test(contributorId)) throw new UsageError('--contributor must be a contributor id');
      const { id, key } = await withDatabase((pool) => createApiKey(pool, { role, name: name.trim(), expiresAt, contributorId }));
      console.log(`created ${role} key ${id} for ${name.trim()}${expiresAt ? `, valid until ${expiresAt.toISOString()}` : ''}; it is shown only now:`);
      console.log(key);
      return;
    }
    case 'list': {
      const keys = await withDatabase(listApiKeys);
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : k.expiresAt ? `expires ${k.expiresAt.toISOString()}` : 'active';
        console.log(`${k.id}  ${k.role.padEnd(11)}  ${k.name}  (${state})`);
      }
      if (keys.length === 0) console.log('no keys yet');
      return;
    }
    case 'revoke': {
      const [id] = rest;
      if (!id) throw new UsageError('which key? give its id (see `npm run keys -- list`)');
      const revoked = await withDatabase((pool) => revokeApiKey(pool, id));
      if (!revoked) throw new Error(`no active key ${id}`);
      console.log(`revoked key ${id}`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof UsageError ? `${err.message}\n${USAGE}` : err instanceof Error ? err.message : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
