import { apiClient, type ApiClient } from './api-client';
import { atRate, Latencies, withConcurrency } from './latency';

export type LatencySummary = ReturnType<Latencies['summary']>;

export interface BothWays {
  /** With `connections` requests always in flight: as fast as they are answered. */
  inFlight: LatencySummary;
  /** At a set rate over the same number of connections, each from when it was due. */
  atRate: LatencySummary & { perSecond: number };
  /** Requests answered 503 and made again. */
  retries: number;
}

/**
 * One kind of API call measured the two ways the benchmark reports: `closed`
 * items with `connections` always in flight, then `open` items at
 * `perSecond` spread over as many connections.
 */
export async function measureBothWays<T>(
  api: string,
  kind: string,
  load: { connections: number; perSecond: number; closed: readonly T[]; open: readonly T[] },
  call: (client: ApiClient, item: T) => Promise<unknown>,
): Promise<BothWays> {
  const closed = new Latencies();
  const closedClient = apiClient(api, closed);
  await withConcurrency(load.closed, load.connections, async (item) => {
    await call(closedClient, item);
  });
  // The open loop times its calls from when each was due; its client's own samples are set aside.
  const open = new Latencies();
  const openClient = apiClient(api, new Latencies());
  await atRate(load.open, load.connections, load.perSecond, kind, open, async (item) => {
    await call(openClient, item);
  });
  return {
    inFlight: closed.summary(kind),
    atRate: { perSecond: load.perSecond, ...open.summary(kind) },
    retries: closedClient.retries() + openClient.retries(),
  };
}
