/**
 * `npm run bench:console`: only the console's figures (they are also part
 * of `npm run bench`), for a quick look after a change to its pages.
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../cli/command-line';
import { createLogger } from '../platform/logger';
import { startBenchSystem } from './bench-system';
import { consoleLatency } from './console-latency';
import { consoleRows, printRows } from './report';

const USAGE = 'usage: npm run bench:console -- [--contributors 10000] [--requests 300]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { contributors: { type: 'string', default: '10000' }, requests: { type: 'string', default: '300' } },
  });
  const contributors = Number(values.contributors);
  const requests = Number(values.requests);
  if (![contributors, requests].every((n) => Number.isInteger(n) && n > 0))
    throw new UsageError('--contributors and --requests are whole numbers above 0');
  const system = await startBenchSystem(createLogger(process.env.LOG_LEVEL ?? 'warn', 'bench'));
  try {
    const figures = await consoleLatency(system, contributors, requests);
    printRows(consoleRows(figures));
    return 0;
  } finally {
    await system.stop();
  }
}

runCommand(USAGE, () => main(process.argv.slice(2)));
