/**
 * `npm run staff -- add --email <e> --role <role> [--ladder <ladder id>] [--name <name>] [--contributor <id>]`
 * `npm run staff -- list`
 * `npm run staff -- remove --email <e> [--role <role> [--ladder <ladder id>]]`
 * The people who work in the console; works beside a running `npm start` (same database), or alone.
 */
import { parseArgs } from 'node:util';
import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';
import { loadLadders } from '../platform/ladder-file';
import { isRole, ROLES, type Role } from '../platform/roles';
import { addStaff, listStaffAccounts, removeStaffAccess, staffGrantProblem } from '../platform/staff-accounts';
import { runCommand, UsageError, withDatabase } from './command-line';

const USAGE = `usage:
  npm run staff -- add --email <email> --role <${ROLES.join('|')}> [--ladder <ladder id>] [--name <name>] [--contributor <contributor id>]
      (a team leader leads one ladder per role: --ladder is required for team-leader, and only for it;
       adding a role to an email that has an account adds it to that account)
  npm run staff -- list
  npm run staff -- remove --email <email> [--role <role> [--ladder <ladder id>]]
      (without --role the account is removed: its roles end, and so do the API keys that belong to it)`;

const roleOf = (value: string | undefined): Role => {
  if (!value || !isRole(value)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return value;
};

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      ladder: { type: 'string' },
      name: { type: 'string' },
      contributor: { type: 'string' },
    },
  });
  const [command] = positionals;
  const email = values.email?.trim();
  switch (command) {
    case 'add': {
      if (!email) throw new UsageError('--email is required: who is this?');
      const contributorId = values.contributor;
      if (contributorId !== undefined && !new RegExp(CONTRIBUTOR_ID_PATTERN).test(contributorId))
        throw new UsageError('--contributor must be a contributor id');
      const grant = { email, role: roleOf(values.role), ladderId: values.ladder, name: values.name, contributorId };
      const problem = staffGrantProblem(grant);
      if (problem) throw new UsageError(problem);
      const { account, created, granted } = await withDatabase('staff', async (pool, config) => {
        const ladders = loadLadders(config.LADDERS_DIR);
        if (grant.ladderId && !ladders.has(grant.ladderId))
          throw new UsageError(
            `--ladder: no ladder "${grant.ladderId}"; known ladders: ${[...ladders.keys()].join(', ')}`,
          );
        return addStaff(pool, grant);
      });
      const role = `${grant.role}${grant.ladderId ? ` of ${grant.ladderId}` : ''}`;
      console.log(
        `${created ? 'added' : 'found'} ${account.name} <${account.email}> (${account.id}); ${granted ? `now ${role}` : `already ${role}`}`,
      );
      return;
    }
    case 'list': {
      const accounts = await withDatabase('staff', listStaffAccounts);
      for (const a of accounts) {
        const roles = a.roles.map((r) => (r.ladderId ? `${r.role}:${r.ladderId}` : r.role)).join(', ') || '(no role)';
        console.log(
          `${a.id}  ${a.email.padEnd(32)}  ${a.name}  [${roles}]${a.contributorId ? `  contributor ${a.contributorId}` : ''}`,
        );
      }
      if (accounts.length === 0) console.log('no staff accounts yet');
      return;
    }
    case 'remove': {
      if (!email) throw new UsageError('--email is required: whose access ends?');
      const role = values.role === undefined ? undefined : roleOf(values.role);
      if (values.ladder && !role) throw new UsageError('--ladder goes with --role team-leader');
      const done = await withDatabase('staff', (pool) =>
        removeStaffAccess(pool, { email, role, ladderId: values.ladder }),
      );
      if (!done)
        throw new Error(
          role
            ? `${email} does not hold ${role}${values.ladder ? ` of ${values.ladder}` : ''}`
            : `no staff account for ${email}`,
        );
      console.log(
        done.removed === 'account'
          ? `removed ${done.account.name} <${done.account.email}>${done.keysRevoked.length ? `; revoked keys ${done.keysRevoked.join(', ')}` : ''}`
          : `${done.account.email} no longer ${role}${values.ladder ? ` of ${values.ladder}` : ''}`,
      );
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'which command?');
  }
}

runCommand(USAGE, () => main(process.argv.slice(2)));
