import { spawn, type ChildProcess } from 'node:child_process';
import { stopProcess } from './stop-process';
import { PROJECT_ROOT } from './python-tools';

export interface NodeService {
  child: ChildProcess;
  /** The last few thousand characters it printed, for a failure message. */
  output(): string;
  /** Its last error log lines, kept apart: a busy process's output soon loses them. */
  errors(): string[];
  /** Kills it at once, as a crash or `kill -9` would, and waits until it is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One of the project's entry points (`worker/main.ts`, `api/main.ts`) as a
 * process of its own, as `npm start` and a deployment run it. Resolves once
 * it has printed `readyText`; rejects with what it printed if it exits first.
 * `nodeFlags` go to Node itself (WORKER_NODE_FLAGS for the worker).
 */
export async function startNodeService(
  entry: string,
  env: NodeJS.ProcessEnv,
  readyText: string,
  nodeFlags: readonly string[] = [],
): Promise<NodeService> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry], {
    cwd: PROJECT_ROOT,
    env,
    // The IPC channel lets it notice if this process dies without a word (exitWithParent).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const errors: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    // Read for as long as it runs: a full pipe would stall it.
    const reader = () => {
      let partial = '';
      return (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-8_000);
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines.filter((l) => /"level":(50|60)/.test(l))) {
          errors.push(line);
          if (errors.length > 20) errors.shift();
        }
        if (output.includes(readyText)) resolve();
      };
    };
    child.stdout?.on('data', reader());
    child.stderr?.on('data', reader());
    child.once('exit', (code, signal) =>
      reject(new Error(`${entry} exited (${signal ?? code}) before it was ready:\n${output.slice(-2_000)}`)),
    );
  });
  await ready;
  return {
    child,
    output: () => output,
    errors: () => [...errors],
    kill: () => stopProcess(child, 'SIGKILL'),
    stop: () => stopProcess(child),
  };
}
