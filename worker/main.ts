import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, temporalAddress } from '../config';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { resolveDatabaseUrl } from '../db/database-url';
import { exitWithParent } from '../infra/exit-with-parent';
import { createLogger } from '../infra/logger';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { createWorker } from './create-worker';

/** Best effort: where the operator API is closed (Temporal Cloud), an operator registers them once. */
async function registerSearchAttributes(address: string, namespace: string, log: ReturnType<typeof createLogger>): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const added = await ensureSearchAttributes(connection, namespace);
    if (added.length > 0) log.info({ added }, 'registered search attributes');
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not check the search attributes; see the README on registering them');
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  const pool = createPool(resolveDatabaseUrl(config));
  await migrate(pool);
  await registerSearchAttributes(temporalAddress(config), config.TEMPORAL_NAMESPACE, log);
  const connection = await NativeConnection.connect({ address: temporalAddress(config) });
  const { worker, mailer } = await createWorker({ config, connection, pool, log });
  exitWithParent(() => worker.shutdown());
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: temporalAddress(config) }, 'worker is polling');
  try {
    // Resolves after SIGINT or SIGTERM, once running activities have finished or timed out.
    await worker.run();
  } finally {
    mailer.close();
    await connection.close();
    await pool.end();
  }
  log.info('worker stopped');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
