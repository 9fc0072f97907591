/**
 * `npm run audit -- verify [--head <hex>]`: checks the audit trail's hash chain.
 * Exit 0 when intact, 1 with each broken row named otherwise. Give the head
 * printed by an earlier check to prove nothing was cut off the end since.
 */
import { parseArgs } from 'node:util';
import { auditHeadExists, verifyAuditChain } from '../store/audit';
import { runCommand, UsageError, withDatabase } from './command-line';

const USAGE = `usage:
  npm run audit -- verify [--head <hash printed by an earlier check>]`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { head: { type: 'string' } },
  });
  if (positionals[0] !== 'verify')
    throw new UsageError(positionals[0] ? `unknown command "${positionals[0]}"` : 'no command given');
  const earlier = values.head?.toLowerCase();
  if (earlier !== undefined && !/^[a-f0-9]{64}$/.test(earlier))
    throw new UsageError('--head must be a SHA-256 in hex (64 characters)');
  const { report, earlierFound } = await withDatabase('audit', async (pool) => ({
    report: await verifyAuditChain(pool),
    earlierFound: earlier === undefined || (await auditHeadExists(pool, earlier)),
  }));
  for (const { seq, problem } of report.problems) console.log(`row ${seq}: ${problem}`);
  if (!earlierFound) {
    console.log(`the earlier head ${earlier} is no longer in the chain: rows it covered were changed or removed`);
    return 1;
  }
  console.log(
    `${report.ok ? 'intact' : 'BROKEN'}: ${report.rows} rows (${report.purged} with details purged after retention); head ${report.head}`,
  );
  return report.ok ? 0 : 1;
}

runCommand(USAGE, () => main(process.argv.slice(2)));
