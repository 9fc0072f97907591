import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../platform/config';
import type { Logger } from '../platform/logger';
import { bundleHasStackTraces } from './sandbox-preloads';

export interface WorkflowBundle {
  codePath: string;
  /** Removes a bundle made for this start; one given by WORKFLOW_BUNDLE stays. */
  discard(): void;
}

/**
 * The workflow code, bundled: the file WORKFLOW_BUNDLE names (the image makes
 * it at build time), or one made now by a child process. Bundling in the
 * worker itself would leave webpack in its heap for good (about 150 MB).
 * Either way its sandbox records stack traces as WORKFLOW_STACK_TRACES says:
 * a bundle made otherwise is refused, not run with the other setting.
 */
export async function workflowBundle(
  options: { given: string | undefined; stackTraces: boolean },
  log: Logger,
): Promise<WorkflowBundle> {
  const { given, stackTraces } = options;
  if (given) {
    if (bundleHasStackTraces(readFileSync(given, 'utf8')) !== stackTraces) {
      throw new ConfigError(
        `WORKFLOW_BUNDLE ${given} was made ${stackTraces ? 'without' : 'with'} stack traces, and WORKFLOW_STACK_TRACES is ${stackTraces}: ` +
          `make it again (node --import tsx worker/bundle-workflows.ts <file>${stackTraces ? ' --stack-traces' : ''}) or leave WORKFLOW_BUNDLE unset`,
      );
    }
    return { codePath: given, discard: () => undefined };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'trustladder-workflows-'));
  const codePath = path.join(dir, 'workflow-bundle.js');
  const started = Date.now();
  try {
    const args = [
      '--import',
      'tsx',
      path.join(__dirname, 'bundle-workflows.ts'),
      codePath,
      ...(stackTraces ? ['--stack-traces'] : []),
    ];
    await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `bundling the workflow code failed: ${(err as { stderr?: string }).stderr?.slice(-2_000) ?? (err as Error).message}`,
      { cause: err },
    );
  }
  log.info({ ms: Date.now() - started, stackTraces }, 'workflow code bundled');
  return { codePath, discard: () => rmSync(dir, { recursive: true, force: true }) };
}
