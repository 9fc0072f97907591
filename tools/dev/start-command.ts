import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { PROJECT_ROOT } from './python-tools';

/** Where a system started as `npm start` starts it lives: its data folder, its settings and its addresses. */
export interface StartCommandSetup {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  api: string;
  ui: string;
}

/**
 * The settings of `npm start` as a newcomer runs it: a fresh data folder,
 * free loopback ports, and none of the caller's deployment settings (no
 * database, Temporal, SMTP, public address or signing keys of its own), with
 * `extra` on top.
 */
export async function startCommandSetup(prefix: string, extra: NodeJS.ProcessEnv = {}): Promise<StartCommandSetup> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `trustladder-${prefix}-`));
  // The embedded PostgreSQL runs as the postgres user when this runs as root.
  chmodSync(dataDir, 0o755);
  const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PUBLIC_URL', 'LINK_SIGNING_KEYS'])
    delete env[name];
  return { dataDir, env, api: `http://127.0.0.1:${port}`, ui: `http://127.0.0.1:${uiPort}` };
}

const STARTUP_MS = 180_000;

/**
 * Runs `npm start`'s entry (tools/start.ts) in a process group of its own and
 * waits until its API answers /healthz; fails at once if it exits first.
 */
export async function startSystem(setup: StartCommandSetup, stdio: StdioOptions = 'ignore'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts'], {
    cwd: PROJECT_ROOT,
    env: setup.env,
    detached: true,
    stdio,
  });
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the system exited with ${child.exitCode} while starting`);
    const ok = await fetch(`${setup.api}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline)
      throw new Error(`the system did not answer ${setup.api}/healthz within ${STARTUP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Like a terminal's Ctrl-C: SIGINT to the whole process group; resolves with the exit code. */
export function stopSystem(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    process.kill(-child.pid!, 'SIGINT');
  });
}
