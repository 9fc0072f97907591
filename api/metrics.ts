import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics: the process's own, and every request by route and status. */
export function createApiMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'trustladder_api_' });
  return registry;
}

/** Counts and times each request by its route pattern (never the raw path: link tokens stay out of the metrics). */
export const metricsPlugin = fp(async (app: FastifyInstance, { registry }: { registry: Registry }) => {
  const requests = new Counter({
    name: 'trustladder_http_requests_total',
    help: 'API requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'trustladder_http_request_duration_seconds',
    help: 'Time to answer an API request, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
});
