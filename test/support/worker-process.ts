import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../config';
import { stopProcess } from './test-system-binary';

export interface WorkerProcess {
  child: ChildProcess;
  /** Kills it at once, as a crash or `kill -9` would, and waits until it is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `npm run worker` as a process of its own, configured as the test's system
 * is, plus `env`: a worker a fault test can kill.
 */
export async function startWorkerProcess(config: Config, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: path.join(__dirname, '../..'),
    env: {
      ...process.env,
      DATA_DIR: config.DATA_DIR,
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      LINK_SIGNING_KEYS: (config.LINK_SIGNING_KEYS ?? []).map((k) => `${k.kid}:${k.secret}`).join(','),
      PUBLIC_URL: config.PUBLIC_URL,
      LADDERS_DIR: config.LADDERS_DIR,
      ...(config.SMTP_URL ? { SMTP_URL: config.SMTP_URL } : {}),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Ready once it says it polls; anything it prints before dying is kept for the failure message.
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker is polling')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before polling:\n${output.slice(-2000)}`)));
  });
  await ready;
  return { child, kill: () => stopProcess(child, 'SIGKILL'), stop: () => stopProcess(child) };
}
