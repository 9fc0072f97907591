/**
 * `npm run import -- <file.csv|file.yaml> [--dry-run]`
 * Brings an existing team onto its ladders (docs/adoption.md), beside a running `npm start`: the same database and
 * Temporal, whose worker then grants each person's access.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporalAddress, temporalConnection } from '../platform/config';
import { loadLadders } from '../platform/ladder-file';
import { ImportRefused, importPeople, type ImportReport } from '../api/use-cases/importing';
import { runCommand, UsageError, withDatabase } from './command-line';

const USAGE = `usage:
  npm run import -- <people.csv|people.yaml> [--dry-run]
      (CSV columns: name,email,ladder,level,since and, optionally, language, agreements, sponsors, identity:<system>;
       --dry-run changes nothing and prints, per person, what each system holds against what their level carries)`;

function printReport(report: ImportReport): void {
  for (const person of report.people) {
    if (!report.dryRun && person.outcome === 'imported') continue;
    const held = person.outcome === 'already on the ladder' ? ` (holds ${person.holds ?? 'no level: has left'})` : '';
    console.log(
      `line ${person.line}  ${person.name} <${person.email}>  ${person.ladder} ${person.level}: ${person.outcome}${held}`,
    );
    for (const grant of person.access ?? [])
      console.log(
        `    ${grant.system} ${grant.entitlement} (${grant.identity}): ${grant.state}${grant.detail ? `: ${grant.detail}` : ''}`,
      );
  }
  const file = `file sha256 ${report.sha256}`;
  if (report.dryRun)
    console.log(
      `dry run, nothing changed: ${report.toImport} to import, ${report.unchanged} already on their ladder; ${file}`,
    );
  else if (report.imported === 0)
    console.log(`nothing changed: all ${report.unchanged} are already on their ladder; ${file}`);
  else
    console.log(`imported ${report.imported}; ${report.unchanged} already on their ladder, left as they are; ${file}`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0) throw new UsageError('name one file to import');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return withDatabase('import', async (pool, config) => {
    let connection: Connection;
    try {
      connection = await Connection.connect(temporalConnection(config));
    } catch (err) {
      throw new Error(
        `Temporal at ${temporalAddress(config)} does not answer (${(err as Error).message}): is \`npm start\` running?`,
        { cause: err },
      );
    }
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const deps = { pool, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, ladders: loadLadders(config.LADDERS_DIR) };
    const caller = {
      id: `cli:${userInfo().username}`,
      name: userInfo().username,
      role: 'admin' as const,
      contributorId: null,
      ladderId: null,
    };
    let shown = 0;
    const progress = (done: number, total: number) => {
      // A line every 250 people, and the last: enough to see a large file move.
      if (done !== total && done - shown < 250) return;
      shown = done;
      process.stderr.write(`imported ${done} of ${total}\n`);
    };
    try {
      printReport(
        await importPeople(deps, caller, {
          text,
          fileName: basename(path),
          dryRun: values['dry-run'] ?? false,
          onProgress: progress,
        }),
      );
      return 0;
    } catch (err) {
      if (!(err instanceof ImportRefused)) throw err;
      console.error(err.detail);
      for (const p of err.problems ?? [])
        console.error(`  line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.problem}`);
      return 1;
    } finally {
      await connection.close();
    }
  });
}

runCommand(USAGE, () => main(process.argv.slice(2)));
