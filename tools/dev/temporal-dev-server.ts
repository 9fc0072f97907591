import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { TemporalConnectionOptions } from '../../platform/config/temporal-connection';
import type { Logger } from '../../platform/logger';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { stopChild } from './child-process';

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  owned: boolean;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cli: string;
  port: number;
  /** Omit to run headless. */
  uiPort?: number;
  /** Keeps the server's state across restarts; omit for an in-memory server. */
  dbFile?: string;
  namespace: string;
  log: Logger;
  readyTimeoutMs?: number;
}

/** Resolves once the frontend answers, or rejects when the deadline passes. */
export async function waitForTemporal(
  target: string | TemporalConnectionOptions,
  timeoutMs: number,
  exited?: () => string | undefined,
): Promise<void> {
  const options = typeof target === 'string' ? { address: target } : target;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const exit = exited?.();
    if (exit) throw new Error(exit);
    try {
      const connection = await Connection.connect({ ...options, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(
    `Temporal at ${options.address} did not answer within ${timeoutMs} ms: ${(lastError as Error)?.message ?? 'no answer'}`,
  );
}

async function alreadyServing(address: string): Promise<boolean> {
  try {
    await waitForTemporal(address, 1_000);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the official Temporal CLI's dev server on loopback. With a database
 * file, a stopped server restarts with every workflow where it was.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningTemporal> {
  const { cli, port, uiPort, dbFile, namespace, log } = options;
  const address = `127.0.0.1:${port}`;
  const uiUrl = uiPort === undefined ? undefined : `http://127.0.0.1:${uiPort}`;

  if (dbFile && (await alreadyServing(address))) {
    log.warn({ address }, 'a Temporal server already answers on this port; using it');
    return { address, uiUrl, owned: false, stop: async () => undefined };
  }

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
  ];
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (dbFile) {
    mkdirSync(path.dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  // A dev server has no load balancer to drain from: stopping should not wait for one.
  args.push('--dynamic-config-value', 'frontend.shutdownDrainDuration="0s"');

  // Its own process group: Ctrl-C reaches `npm start`, which stops the worker before the server it polls.
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
    log.debug({ temporal: chunk.toString().trim() }, 'temporal dev server');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exitMessage: string | undefined;
  child.once('exit', (code, signal) => {
    exitMessage = `the Temporal dev server exited (${signal ?? code}) before it was ready:\n${output}`;
  });

  try {
    await waitForTemporal(address, options.readyTimeoutMs ?? 60_000, () => exitMessage);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  log.info({ address, ui: uiUrl }, 'Temporal dev server is ready');
  return { address, uiUrl, owned: true, stop: () => stopChild(child) };
}
