import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { startEmbeddedPostgres } from '../store/embedded-postgres';
import { migrate } from '../store/migrate';
import { createPool } from '../store/pool';
import { scratchDatabase } from '../store/scratch-database';
import { freePort } from '../platform/free-port';
import type { Logger } from '../platform/logger';
import { startNodeService, type NodeService } from '../tools/dev/node-service';
import { startTemporalDevServer } from '../tools/dev/temporal-dev-server';
import { requirePythonTool } from '../tools/dev/python-tools';
import { createApiKey } from '../platform/api-keys';
import type { Role } from '../platform/roles';
import { laddersWithShortTenure } from '../tools/testkit/short-tenure-ladders';
import { WORKER_NODE_FLAGS } from '../worker/node-flags';
import { startMailSink, type MailSink } from './mail-sink';

export interface BenchSystem {
  api: string;
  pool: Pool;
  temporal: Client;
  mail: MailSink;
  worker: NodeService;
  apiProcess: NodeService;
  floorWorker: NodeService;
  key(role: Role, options?: { ladderId?: string }): Promise<string>;
  stop(): Promise<void>;
}

export const FLOOR_TASK_QUEUE = 'bench-floor';

/** Node's flags for a process the benchmark starts: with a profile folder, a CPU profile of each of its threads in a folder of its own. */
function profiled(flags: readonly string[], profileDir: string | undefined, name: string): string[] {
  return profileDir ? [...flags, '--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [...flags];
}

/**
 * Everything the benchmark measures, as production runs it: the Temporal dev
 * server, PostgreSQL (a scratch database on DATABASE_URL's server, else an
 * embedded one), a real SMTP server, and the worker and API as processes of
 * their own; beside them, the bare-engine worker for the floor.
 */
export async function startBenchSystem(log: Logger, options: { profileDir?: string } = {}): Promise<BenchSystem> {
  const { profileDir } = options;
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse())
      await s().catch((err: unknown) => log.warn({ err }, 'stopping a part of the benchmark failed'));
  };
  try {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trustladder-bench-'));
    chmodSync(dataDir, 0o755);
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    let databaseUrl: string;
    if (process.env.DATABASE_URL) {
      const scratch = await scratchDatabase(process.env.DATABASE_URL, 'trustladder_bench');
      stops.push(scratch.drop);
      databaseUrl = scratch.url;
    } else {
      const postgres = await startEmbeddedPostgres({ dataDir, log });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    const pool = createPool(databaseUrl, 4);
    stops.push(() => pool.end());
    await migrate(pool);

    const temporalServer = await startTemporalDevServer({
      cli: requirePythonTool('cli'),
      port: await freePort(),
      namespace: 'default',
      log,
    });
    stops.push(() => temporalServer.stop());
    const connection = await Connection.connect({ address: temporalServer.address });
    stops.push(() => connection.close());
    const temporal = new Client({ connection });

    const mail = await startMailSink();
    stops.push(() => mail.close());

    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalServer.address,
      SMTP_URL: mail.url,
      PUBLIC_URL: api,
      PORT: String(port),
      LADDERS_DIR: laddersWithShortTenure(path.join(dataDir, 'ladders')),
      // One client address makes every request: the limits would measure themselves.
      RATE_LIMIT_PER_MINUTE: '100000000',
      LINK_RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'warn',
    };
    const worker = await startNodeService(
      'worker/main.ts',
      { ...env, LOG_LEVEL: 'info' },
      'worker is polling',
      profiled(WORKER_NODE_FLAGS, profileDir, 'worker'),
    );
    stops.push(() => worker.stop());
    const apiService = await startNodeService(
      'api/main.ts',
      { ...env, LOG_LEVEL: 'info' },
      'Server listening',
      profiled([], profileDir, 'api'),
    );
    stops.push(() => apiService.stop());
    const floorWorker = await startNodeService(
      'bench/floor-worker.ts',
      { ...env, FLOOR_TASK_QUEUE },
      'floor worker is polling',
      profiled([], profileDir, 'floor-worker'),
    );
    stops.push(() => floorWorker.stop());

    return {
      api,
      pool,
      temporal,
      mail,
      worker,
      apiProcess: apiService,
      floorWorker,
      key: async (role, options = {}) => (await createApiKey(pool, { role, name: `bench ${role}`, ...options })).key,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
