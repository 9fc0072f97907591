import { Client, Connection } from '@temporalio/client';
import { loadConfig, temporalConnection } from '../platform/config';
import { resolveDatabaseUrl } from '../store/database-url';
import { migrate } from '../store/migrate';
import { createPool } from '../store/pool';
import { exitWithParent } from '../platform/exit-with-parent';
import { createLogger } from '../platform/logger';
import { startMetricsServer } from '../platform/metrics-server';
import { buildApp } from './app';
import { appDeps } from './deps';
import { createApiMetrics } from './metrics';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'api');
  const pool = createPool(resolveDatabaseUrl(config));
  await migrate(pool);
  // Lazy, so the API starts (and /healthz says why it is not ready) while Temporal is away.
  const connection = Connection.lazy(temporalConnection(config));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const metrics = createApiMetrics();
  const app = await buildApp({ ...appDeps(config, pool, temporal, log), metrics });
  const metricsServer = config.API_METRICS_ADDRESS
    ? await startMetricsServer(metrics, config.API_METRICS_ADDRESS)
    : undefined;
  if (metricsServer) log.info({ url: metricsServer.url }, 'api metrics for Prometheus');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await metricsServer?.close();
    await connection.close();
    await pool.end();
    log.info('api stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
  exitWithParent(stop);

  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
