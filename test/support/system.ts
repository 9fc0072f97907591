import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import type { AccessSystem } from '../../activities/access/access-system';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { loadConfig, temporalConnection, type Config } from '../../platform/config';
import { createPool } from '../../store/pool';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import type { Role } from '../../platform/roles';
import { createWorker } from '../../worker/create-worker';
import { testKey, type KeyOptions } from './keys';

export interface TestSystem {
  config: Config;
  pool: Pool;
  temporal: Client;
  app: FastifyInstance;
  baseUrl: string;
  keyFor(role: Role, options?: KeyOptions): Promise<string>;
  stop(): Promise<void>;
}

/** The configuration a test runs with: the servers from global set-up, a task queue of its own. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: process.env.TEST_SCRATCH_DIR,
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    LINK_SIGNING_KEYS: `test:${randomBytes(32).toString('base64url')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Every injected request comes from one address; the limits have tests of their own.
    RATE_LIMIT_PER_MINUTE: '100000',
    LINK_RATE_LIMIT_PER_MINUTE: '100000',
    CONSOLE_SIGN_IN_PER_HOUR: '100000',
    ...overrides,
  });
}

/**
 * The real worker (real activities) and the real API, listening on loopback,
 * against the dev server and database from global set-up.
 */
export async function startSystem(
  options: {
    smtpUrl?: string;
    env?: Record<string, string>;
    systems?: Record<string, AccessSystem>;
    /** false: no worker in this process (a test runs it as a process of its own, to kill it). */
    worker?: boolean;
  } = {},
): Promise<TestSystem> {
  const port = await freePort();
  const config = testConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const log = createLogger(config.LOG_LEVEL);
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const pool = createPool(config.DATABASE_URL!);
    cleanups.push(() => pool.end());
    if (options.worker !== false) {
      const nativeConnection = await NativeConnection.connect(temporalConnection(config));
      cleanups.push(() => nativeConnection.close());
      const { worker, mailer } = await createWorker({
        config,
        connection: nativeConnection,
        pool,
        log,
        systems: options.systems,
      });
      cleanups.push(() => mailer.close());
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
      });
    }
    const connection = await Connection.connect(temporalConnection(config));
    cleanups.push(() => connection.close());
    const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const app = await buildApp(appDeps(config, pool, temporal, log));
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: config.PORT });
    return {
      config,
      pool,
      temporal,
      app,
      baseUrl: config.PUBLIC_URL!,
      keyFor: (role, options) => testKey(pool, role, options),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
