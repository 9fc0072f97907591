import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { createApiMetrics } from '../../api/metrics';
import { createPool } from '../../store/pool';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import { startMetricsServer } from '../../platform/metrics-server';
import { signLink } from '../../platform/link-token';
import { eventually } from '../../tools/testkit/eventually';
import { testConfig } from '../support/system';
import { startWorkerProcess } from '../support/worker-process';

/** Prometheus metrics from the API and from the worker, each on an address of its own. */
describe('metrics', () => {
  test('when the API answers requests, then /metrics counts them by route pattern and status, and never shows a link token', async () => {
    const config = testConfig();
    const pool = createPool(config.DATABASE_URL!);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
    const metrics = createApiMetrics();
    const app = await buildApp({
      ...appDeps(config, pool, new Client({ connection }), createLogger('silent')),
      metrics,
    });
    const server = await startMetricsServer(metrics, '127.0.0.1:0');
    try {
      const token = signLink(
        { lid: 'nope', cid: 'c', step: 's', exp: Math.floor(Date.now() / 1000) + 60 },
        config.LINK_SIGNING_KEYS![0]!,
      );
      for (let i = 0; i < 2; i++) await app.inject({ method: 'GET', url: '/healthz' });
      await app.inject({ method: 'GET', url: '/v1/motions' });
      await app.inject({ method: 'POST', url: `/links/${token}` });

      const scraped = await (await fetch(server.url)).text();
      expect(scraped).toContain('trustladder_http_requests_total{method="GET",route="/healthz",status="200"} 2');
      expect(scraped).toContain('trustladder_http_requests_total{method="GET",route="/v1/motions",status="401"} 1');
      expect(scraped).toContain('trustladder_http_requests_total{method="POST",route="/links/:token",status="404"} 1');
      expect(scraped).toMatch(/trustladder_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} 2/);
      expect(scraped).toContain('trustladder_api_process_resident_memory_bytes');
      expect(scraped).not.toContain(token.slice(0, 30));
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
      await app.close();
      await connection.close();
      await pool.end();
    }
  });

  test('when the worker runs with WORKER_METRICS_ADDRESS, then it serves the Temporal SDK metrics for its task queue', async () => {
    const config = testConfig();
    const address = `127.0.0.1:${await freePort()}`;
    const worker = await startWorkerProcess(config, { WORKER_METRICS_ADDRESS: address });
    try {
      const scraped = await eventually(
        () =>
          fetch(`http://${address}/metrics`).then(
            (r) => r.text(),
            () => '',
          ),
        (text) => text.includes(`task_queue="${config.TEMPORAL_TASK_QUEUE}"`),
      );
      expect(scraped).toMatch(/^temporal_\w+/m);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
