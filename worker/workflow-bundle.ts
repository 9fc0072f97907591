import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../infra/logger';

export interface WorkflowBundle {
  codePath: string;
  /** Removes a bundle made for this start; one given by WORKFLOW_BUNDLE stays. */
  discard(): void;
}

/**
 * The workflow code, bundled: the file WORKFLOW_BUNDLE names (the image makes
 * it at build time), or one made now by a child process. Bundling in the
 * worker itself would leave webpack in its heap for good (about 150 MB).
 */
export async function workflowBundle(given: string | undefined, log: Logger): Promise<WorkflowBundle> {
  if (given) return { codePath: given, discard: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'trustladder-workflows-'));
  const codePath = path.join(dir, 'workflow-bundle.js');
  const started = Date.now();
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bundle-workflows.ts'), codePath], { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`bundling the workflow code failed: ${(err as { stderr?: string }).stderr?.slice(-2_000) ?? (err as Error).message}`, { cause: err });
  }
  log.info({ ms: Date.now() - started }, 'workflow code bundled');
  return { codePath, discard: () => rmSync(dir, { recursive: true, force: true }) };
}
