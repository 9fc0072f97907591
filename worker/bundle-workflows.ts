/**
 * Bundles the workflow code into one file: `node --import tsx
 * worker/bundle-workflows.ts <file> [--stack-traces]`. The worker runs this in
 * a child process (or the image runs it at build time), so the bundler never
 * sits in the worker's own memory. Without `--stack-traces`, workflow code
 * records none (WORKFLOW_STACK_TRACES).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import { sandboxPreloads } from './sandbox-preloads';

const USAGE = 'usage: node --import tsx worker/bundle-workflows.ts <output file> [--stack-traces]';

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'stack-traces': { type: 'boolean', default: false } },
  });
  const [out] = positionals;
  if (!out || positionals.length > 1) throw new Error(USAGE);
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    preloadModules: sandboxPreloads(values['stack-traces']),
  });
  // Written whole or not at all: a worker never loads half a bundle.
  writeFileSync(`${out}.partial`, code);
  renameSync(`${out}.partial`, out);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
