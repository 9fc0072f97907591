import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig, temporalConnection, type Config, type TemporalConnectionOptions } from '../platform/config';
import { createPool } from '../store/pool';
import { migrate } from '../store/migrate';
import { resolveDatabaseUrl } from '../store/database-url';
import { exitWithParent } from '../platform/exit-with-parent';
import { createLogger } from '../platform/logger';
import { parseAddress } from '../platform/metrics-server';
import { ensureSearchAttributes } from './namespace';
import { createWorker } from './create-worker';
import { sdkLogger } from './sdk-logger';
import { workflowBundle } from './workflow-bundle';
import { ensureActivityReadSchedule, ensureReconciliationSchedule, ensureRetentionSchedule } from './schedules';

/**
 * What the namespace needs before workflows run: the search attributes (best
 * effort: where the operator API is closed, as on Temporal Cloud, an operator
 * registers them once), the daily retention purge and access reconciliation.
 */
async function prepareNamespace(
  config: Config,
  temporal: TemporalConnectionOptions,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const connection = await Connection.connect(temporal);
  try {
    try {
      const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length > 0) log.info({ added }, 'registered search attributes');
    } catch (err) {
      log.warn(
        { err: (err as Error).message },
        'could not check the search attributes; see docs/deployment.md on registering them',
      );
    }
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const retention = await ensureRetentionSchedule(client, config.TEMPORAL_TASK_QUEUE);
    log.info(
      { schedule: retention, retentionDays: config.PERSONAL_DATA_RETENTION_DAYS },
      'personal data retention runs daily',
    );
    const reconciliation = await ensureReconciliationSchedule(
      client,
      config.TEMPORAL_TASK_QUEUE,
      config.RECONCILE_EVERY_MINUTES,
    );
    log.info(
      { schedule: reconciliation, everyMinutes: config.RECONCILE_EVERY_MINUTES, dryRun: config.RECONCILE_DRY_RUN },
      'access reconciliation scheduled',
    );
    const activityRead = await ensureActivityReadSchedule(client, config.TEMPORAL_TASK_QUEUE);
    log.info({ schedule: activityRead }, 'activity in the systems is read daily');
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'worker');
  const pool = createPool(resolveDatabaseUrl(config));
  await migrate(pool);
  const temporal = temporalConnection(config);
  await prepareNamespace(config, temporal, log);
  // Installed once, before the first connection: the SDK's log lines as ours, and its own metrics on an address of their own.
  const metrics = config.WORKER_METRICS_ADDRESS ? parseAddress(config.WORKER_METRICS_ADDRESS) : undefined;
  Runtime.install({
    logger: sdkLogger(log),
    ...(metrics
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: `${metrics.host}:${metrics.port}`,
                countersTotalSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
  if (metrics) log.info({ url: `http://${metrics.host}:${metrics.port}/metrics` }, 'worker metrics for Prometheus');
  const connection = await NativeConnection.connect(temporal);
  const bundle = await workflowBundle(
    { given: config.WORKFLOW_BUNDLE, stackTraces: config.WORKFLOW_STACK_TRACES },
    log,
  );
  const { worker, mailer } = await createWorker({ config, connection, pool, log, workflowBundlePath: bundle.codePath });
  // The worker has read it.
  bundle.discard();
  exitWithParent(() => worker.shutdown());
  log.info(
    { taskQueue: config.TEMPORAL_TASK_QUEUE, address: temporal.address, tls: Boolean(temporal.tls) },
    'worker is polling',
  );
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
