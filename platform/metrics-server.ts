import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** "host:port" into its parts; the host defaults to loopback, so metrics are not public by accident. */
export function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return at < 0
    ? { host: '127.0.0.1', port: Number(address) }
    : { host: address.slice(0, at) || '127.0.0.1', port: Number(address.slice(at + 1)) };
}

/**
 * Serves `registry` at GET /metrics for Prometheus, on an address of its own
 * (not the API's port: scraping needs no key, so it is kept off the public one).
 */
export async function startMetricsServer(
  registry: Registry,
  address: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  const { host, port } = parseAddress(address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound.port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
