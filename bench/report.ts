import { IMPORT_TARGET, importRows, type ImportFigures } from './import';
import type { BothWays, LatencySummary } from './api-latency';
import { CONSOLE_TARGETS, type ConsoleFigures } from './console-latency';
import type { HistoryFigures, UpdateWork } from './histories';
import { round } from './latency';

export const TARGETS = {
  throughputRatio: 0.7,
  decisionToAccessP95Ms: 2_000,
  apiP99Ms: 25,
  workerPeakMiB: 512,
  ...CONSOLE_TARGETS,
};

/** The figures of one run, as written to results.json. */
export interface BenchResults {
  settings: { concurrency: number; openContributors: number };
  onboarding: { contributorsPerSecond: number; cpuMsPerContributor: Record<string, number> };
  floor: { workflowsPerSecond: number; cpuMsPerWorkflow: Record<string, number> };
  throughputRatio: number;
  engineCpu: EngineCpu;
  /** `atOnce` decisions in flight at a time, each with the steps before its deciding vote. */
  decisionToAccessMs: LatencySummary & { atOnce: number };
  /** One decision at a time, on an otherwise quiet system. */
  decisionToAccessAloneMs: LatencySummary;
  apiLatencyMs: {
    statusRead: LatencySummary;
    statusReadAtRate: BothWays['atRate'];
    linkConfirmation: LatencySummary;
    linkConfirmationAtRate: BothWays['atRate'];
  };
  bareUpdateMs: LatencySummary;
  /** Single updates doing a link confirmation's work, paced as the paced confirmations were. */
  bareLinkUpdateAtRateMs: LatencySummary & UpdateWork & { perSecond: number };
  historyEvents: HistoryFigures;
  workerMemoryMiB: { peakMiB: number };
  consoleMs: ConsoleFigures;
  import: ImportFigures;
}

/** Which targets the run met, by name. */
export function targetsMet(r: BenchResults): Record<string, boolean> {
  const api = r.apiLatencyMs;
  return {
    throughputRatio: r.throughputRatio >= TARGETS.throughputRatio,
    decisionToAccess: r.decisionToAccessMs.p95 < TARGETS.decisionToAccessP95Ms,
    decisionToAccessAlone: r.decisionToAccessAloneMs.p95 < TARGETS.decisionToAccessP95Ms,
    statusRead: api.statusRead.p99 < TARGETS.apiP99Ms,
    statusReadAtRate: api.statusReadAtRate.p99 < TARGETS.apiP99Ms,
    linkConfirmation: api.linkConfirmation.p99 < TARGETS.apiP99Ms,
    linkConfirmationAtRate: api.linkConfirmationAtRate.p99 < TARGETS.apiP99Ms,
    workerMemory: r.workerMemoryMiB.peakMiB < TARGETS.workerPeakMiB,
    consolePipeline: r.consoleMs.pipelineMs.p95 < TARGETS.pipelineP95Ms,
    consoleContributor: r.consoleMs.contributorMs.p95 < TARGETS.contributorP95Ms,
    // Scaled to the target's size: the run may import more or fewer.
    import: (r.import.settledSeconds * IMPORT_TARGET.rows) / r.import.rows < IMPORT_TARGET.seconds,
  };
}

export interface EngineCpu {
  contributorMs: number;
  floorMs: number;
  ratio: number;
}

/**
 * The CPU of the Temporal server and the workflow worker alone, per
 * contributor against per floor workflow: the engine's side of the ratio.
 * The floor is driven straight through the Temporal client, so it has no
 * counterpart of the API and PostgreSQL; this ratio leaves them (and each
 * side's load generator) out, and shows how much of the gap they are.
 */
export function engineCpu(contributor: Record<string, number>, floor: Record<string, number>): EngineCpu {
  const contributorMs = (contributor.temporal ?? 0) + (contributor.worker ?? 0);
  const floorMs = (floor.temporal ?? 0) + (floor['floor worker'] ?? 0);
  return { contributorMs, floorMs, ratio: round(floorMs / contributorMs, 2) };
}

/** "total 410 ms: temporal 200, worker 120, ..." */
const describeCpu = ({ total, ...parts }: Record<string, number>) =>
  `${total} ms: ${Object.entries(parts)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ')}`;

/** The console's two figures, as rows of the table. */
export function consoleRows(c: ConsoleFigures): [string, string, string][] {
  const p50p95 = (s: LatencySummary) => `${s.p50} / ${s.p95} ms`;
  return [
    [
      `console pipeline page p50 / p95, ${c.contributors} on the ladder`,
      p50p95(c.pipelineMs),
      `p95 < ${TARGETS.pipelineP95Ms} ms`,
    ],
    [`console contributor page p50 / p95`, p50p95(c.contributorMs), `p95 < ${TARGETS.contributorP95Ms} ms`],
  ];
}

/** The table the benchmark prints: each figure beside its target. */
export function reportTable(r: BenchResults): string {
  const { apiLatencyMs: api, settings, engineCpu: engine } = r;
  const p50p99 = (s: LatencySummary) => `${s.p50} / ${s.p99} ms`;
  const apiTarget = `p99 < ${TARGETS.apiP99Ms} ms`;
  const p50p95 = (s: LatencySummary) => `${s.p50} / ${s.p95} ms`;
  const decisionTarget = `p95 < ${TARGETS.decisionToAccessP95Ms} ms`;
  const rows: [string, string, string][] = [
    ['onboarding to Triage (through the API)', `${r.onboarding.contributorsPerSecond} contributors/s`, ''],
    ['bare-engine floor', `${r.floor.workflowsPerSecond} workflows/s`, ''],
    ['throughput ratio', `${r.throughputRatio}`, `>= ${TARGETS.throughputRatio}`],
    [
      `decision to access p50 / p95, ${r.decisionToAccessMs.atOnce} at a time`,
      p50p95(r.decisionToAccessMs),
      decisionTarget,
    ],
    ['decision to access p50 / p95, one at a time', p50p95(r.decisionToAccessAloneMs), decisionTarget],
    [`status read p50 / p99, ${settings.concurrency} in flight`, p50p99(api.statusRead), apiTarget],
    [`status read p50 / p99, ${api.statusReadAtRate.perSecond}/s`, p50p99(api.statusReadAtRate), apiTarget],
    [`link confirmation p50 / p99, ${settings.concurrency} in flight`, p50p99(api.linkConfirmation), apiTarget],
    [
      `link confirmation p50 / p99, ${api.linkConfirmationAtRate.perSecond}/s`,
      p50p99(api.linkConfirmationAtRate),
      apiTarget,
    ],
    ['  (bare engine: one update p50 / p99)', p50p99(r.bareUpdateMs), ''],
    [`  (bare engine: a link's update, ${r.bareLinkUpdateAtRateMs.perSecond}/s)`, p50p99(r.bareLinkUpdateAtRateMs), ''],
    ['history events per contributor per level', `${r.historyEvents.eventsPerLevel}`, ''],
    [
      `worker peak memory (${settings.openContributors} open contributors)`,
      `${r.workerMemoryMiB.peakMiB} MiB`,
      `< ${TARGETS.workerPeakMiB} MiB`,
    ],
    ...consoleRows(r.consoleMs),
    ...importRows(r.import),
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  const valueWidth = Math.max(...rows.map((row) => row[1].length));
  return [
    ...rows.map(([name, value, target]) => `${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${target}`),
    `CPU per contributor: ${describeCpu(r.onboarding.cpuMsPerContributor)}`,
    `CPU per floor workflow: ${describeCpu(r.floor.cpuMsPerWorkflow)}`,
    `CPU ratio of Temporal and the worker alone (no API, PostgreSQL or load): ${engine.floorMs} / ${engine.contributorMs} ms = ${engine.ratio}`,
  ].join('\n');
}

/** Prints figures as the partial benchmarks do: each beside its target. */
export function printRows(rows: [string, string, string][]): void {
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value}  ${target}`);
}
