/** Latencies in milliseconds by what was measured, with the percentiles the benchmark reports. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  add(kind: string, ms: number): void {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    this.samples.set(kind, list);
  }

  /** Times `work` under `kind`; a failure is not a sample. */
  async time<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.add(kind, performance.now() - started);
    return result;
  }

  summary(kind: string): { count: number; p50: number; p95: number; p99: number; max: number } {
    const sorted = [...(this.samples.get(kind) ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) throw new Error(`no samples of ${kind}`);
    return {
      count: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1]!,
    };
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return round(sorted[rank - 1]!);
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `work` over `items` with at most `concurrency` at a time, as that many users would; the first failure stops the rest. */
export async function withConcurrency<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: Error | undefined;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (err) {
        failed ??= err instanceof Error ? err : new Error(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (failed) throw failed;
}

/**
 * Runs `work` over `items` at `perSecond`, on `connections` lanes (an open
 * loop: users arriving at that rate, each lane a connection of its own).
 * Each latency is counted from when its request was due, not from when a lane
 * was free, so a slow answer also counts against those queued behind it.
 */
export async function atRate<T>(
  items: readonly T[],
  connections: number,
  perSecond: number,
  kind: string,
  latencies: Latencies,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const dueAt = (index: number) => started + (index * 1000) / perSecond;
  await withConcurrency(items, connections, async (item, index) => {
    const wait = dueAt(index) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await work(item);
    latencies.add(kind, performance.now() - dueAt(index));
  });
}
