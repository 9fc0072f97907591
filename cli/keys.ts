/**
 * `npm run keys -- create --role <role> --name <name> [--ladder <ladder id>] [--expires-in-days N]`
 * `npm run keys -- list`
 * `npm run keys -- revoke <key id>`
 * Works beside a running `npm start` (same database), or alone.
 */
import { parseArgs } from 'node:util';
import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';
import { loadLadders } from '../platform/ladder-file';
import { createApiKey, listApiKeys, newKeyProblem, revokeApiKey } from '../platform/api-keys';
import { isRole, ROLES } from '../platform/roles';
import { holdsRole, staffAccountByEmail } from '../platform/staff-accounts';
import { runCommand, UsageError, withDatabase } from './command-line';

const USAGE = `usage:
  npm run keys -- create --role <${ROLES.join('|')}> --name <name> [--ladder <ladder id>] [--expires-in-days <n>] [--contributor <contributor id>] [--staff <email>]
      (a team leader's key names the one ladder it acts on: --ladder is required for it, and only for it)
  npm run keys -- list
  npm run keys -- revoke <key id>`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      'expires-in-days': { type: 'string' },
      contributor: { type: 'string' },
      ladder: { type: 'string' },
      staff: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      const { role, name } = values;
      if (!role || !isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (!name?.trim()) throw new UsageError('--name is required: whose key is this?');
      const days = values['expires-in-days'];
      if (days !== undefined && !(Number(days) > 0))
        throw new UsageError('--expires-in-days must be a positive number');
      const expiresAt = days === undefined ? undefined : new Date(Date.now() + Number(days) * 86_400_000);
      const contributorId = values.contributor;
      if (contributorId !== undefined && !new RegExp(CONTRIBUTOR_ID_PATTERN).test(contributorId))
        throw new UsageError('--contributor must be a contributor id');
      const request = { role, name: name.trim(), expiresAt, contributorId, ladderId: values.ladder };
      const problem = newKeyProblem(request);
      if (problem) throw new UsageError(problem);
      const { id, key } = await withDatabase('keys', async (pool, config) => {
        const ladders = loadLadders(config.LADDERS_DIR);
        if (request.ladderId && !ladders.has(request.ladderId))
          throw new UsageError(
            `--ladder: no ladder "${request.ladderId}"; known ladders: ${[...ladders.keys()].join(', ')}`,
          );
        if (!values.staff) return createApiKey(pool, request);
        // A staff member's script key: it acts as one of their roles, and ends with their account.
        const account = await staffAccountByEmail(pool, values.staff);
        if (!account) throw new UsageError(`--staff: no staff account for ${values.staff} (see npm run staff -- list)`);
        if (!holdsRole(account, role, request.ladderId))
          throw new UsageError(
            `--staff: ${values.staff} is not ${role}${request.ladderId ? ` of ${request.ladderId}` : ''}`,
          );
        return createApiKey(pool, {
          ...request,
          staffId: account.id,
          contributorId: request.contributorId ?? account.contributorId ?? undefined,
        });
      });
      console.log(
        `created ${role} key ${id} for ${name.trim()}${request.ladderId ? ` on ladder ${request.ladderId}` : ''}${expiresAt ? `, valid until ${expiresAt.toISOString()}` : ''}; it is shown only now:`,
      );
      console.log(key);
      return;
    }
    case 'list': {
      const keys = await withDatabase('keys', listApiKeys);
      for (const k of keys) {
        const state = k.revokedAt
          ? `revoked ${k.revokedAt.toISOString()}`
          : k.expiresAt
            ? `expires ${k.expiresAt.toISOString()}`
            : 'active';
        console.log(
          `${k.id}  ${k.role.padEnd(11)}  ${(k.ladderId ?? '(all ladders)').padEnd(22)}  ${k.name}  (${state})`,
        );
      }
      if (keys.length === 0) console.log('no keys yet');
      return;
    }
    case 'revoke': {
      const [id] = rest;
      if (!id) throw new UsageError('which key? give its id (see `npm run keys -- list`)');
      const revoked = await withDatabase('keys', (pool) => revokeApiKey(pool, id));
      if (!revoked) throw new Error(`no active key ${id}`);
      console.log(`revoked key ${id}`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

runCommand(USAGE, () => main(process.argv.slice(2)));
