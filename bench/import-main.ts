/**
 * `npm run bench:import`: only the import's figures (they are also part of `npm run bench`): a file of people
 * through `POST /v1/imports`, to its answer and until every workflow is under way.
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../cli/command-line';
import { createLogger } from '../platform/logger';
import { startBenchSystem } from './bench-system';
import { importRows, importThroughput, IMPORT_TARGET } from './import';
import { printRows } from './report';

const USAGE = `usage: npm run bench:import -- [--rows ${IMPORT_TARGET.rows}]`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { rows: { type: 'string', default: String(IMPORT_TARGET.rows) } },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new UsageError('--rows is a whole number above 0');
  const system = await startBenchSystem(createLogger(process.env.LOG_LEVEL ?? 'warn', 'bench'));
  try {
    printRows(importRows(await importThroughput(system, rows)));
    return 0;
  } finally {
    await system.stop();
  }
}

runCommand(USAGE, () => main(process.argv.slice(2)));
