/**
 * `npm start`: the whole system on one machine. The Temporal dev server and an
 * embedded PostgreSQL (unless TEMPORAL_ADDRESS / DATABASE_URL point elsewhere),
 * then the worker and the API as child processes, exactly as they run in
 * production. Ctrl-C stops all of it; the next start resumes from the data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig, temporalConnection } from '../platform/config';
import { startEmbeddedPostgres, type RunningPostgres } from '../store/embedded-postgres';
import { migrate } from '../store/migrate';
import { createPool } from '../store/pool';
import { stopChild } from './dev/child-process';
import { createLogger } from '../platform/logger';
import { startTemporalDevServer, waitForTemporal, type RunningTemporal } from './dev/temporal-dev-server';
import { locatePythonTool, PROJECT_ROOT, requirePythonTool } from './dev/python-tools';
import { WORKER_NODE_FLAGS } from '../worker/node-flags';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, 'start');
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log.info('stopping');
    // Last started, first stopped: the API and worker before what they use.
    for (const { name, stop } of stops.reverse()) {
      await stop().then(
        () => log.info(`${name} stopped`),
        (err: unknown) => log.error({ err }, `${name} did not stop cleanly`),
      );
    }
  }
  process.exit(code);
}

function runNode(name: string, entry: string, env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(PROJECT_ROOT, entry)], {
    env,
    // The IPC channel lets the child notice if this process dies without a word.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Its own process group: Ctrl-C reaches this process only, which stops the children in order.
    detached: true,
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log.error({ code, signal }, `${name} exited unexpectedly`);
    void shutdown(1);
  });
  stops.push({ name, stop: () => stopChild(child) });
  return child;
}

async function ensureTemporalCli(): Promise<string> {
  if (!locatePythonTool('cli')) {
    log.info('installing the Temporal CLI (first start only)');
    await new Promise<void>((resolve, reject) => {
      spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'tools/setup-tools.ts')], {
        stdio: 'inherit',
      }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error('the Temporal CLI set-up failed'))));
    });
  }
  return requirePythonTool('cli');
}

async function main(): Promise<void> {
  // `on`, not `once`: tsx exits at once on a signal nobody else listens to any more.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log });
    stops.push({ name: 'PostgreSQL', stop: () => postgres.stop() });
    databaseUrl = postgres.url;
  }
  const pool = createPool(databaseUrl, 1);
  await migrate(pool);
  await pool.end();

  let temporal: RunningTemporal;
  if (config.TEMPORAL_ADDRESS) {
    await waitForTemporal(temporalConnection(config), 30_000);
    temporal = { address: config.TEMPORAL_ADDRESS, owned: false, stop: async () => undefined };
  } else {
    temporal = await startTemporalDevServer({
      cli: await ensureTemporalCli(),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile: path.join(config.DATA_DIR, 'temporal', 'dev-server.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      log,
    });
    stops.push({ name: 'Temporal dev server', stop: () => temporal.stop() });
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    DATA_DIR: config.DATA_DIR,
  };
  runNode('worker', 'worker/main.ts', env, WORKER_NODE_FLAGS);
  runNode('api', 'api/main.ts', env);
  log.info(
    {
      api: config.PUBLIC_URL,
      docs: `${config.PUBLIC_URL}/docs`,
      temporalUi: temporal.uiUrl,
      outbox: config.SMTP_URL ? undefined : path.join(config.DATA_DIR, 'outbox'),
    },
    'trustladder is starting; create a key with: npm run keys -- create --role team-leader --ladder <ladder id> --name <your name>',
  );
}

main().catch((err: unknown) => {
  log.error(err instanceof Error ? err.message : String(err));
  void shutdown(1);
});
