/**
 * Bundles the workflow code into one file: `node --import tsx
 * worker/bundle-workflows.ts <file>`. The worker runs this in a child process
 * (or the image runs it at build time), so the bundler never sits in the
 * worker's own memory.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(out: string | undefined): Promise<void> {
  if (!out) throw new Error('usage: node --import tsx worker/bundle-workflows.ts <output file>');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  // Written whole or not at all: a worker never loads half a bundle.
  writeFileSync(`${out}.partial`, code);
  renameSync(`${out}.partial`, out);
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
