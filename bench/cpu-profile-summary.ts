import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of a V8 CPU profile (`node --cpu-prof`) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ThreadSummary {
  /** The profile's file, relative to the profile folder: `<process>/CPU.<date>.<pid>.<thread>.<n>.cpuprofile`. */
  file: string;
  busyMs: number;
  /** Self time by where it was spent, busiest first, with its share of busyMs. */
  top: { where: string; ms: number; share: number }[];
}

/**
 * Where a sample's self time goes: the package or project file of the
 * function, or for V8's own frames (no script) the frame's name, so that
 * entering the workflow sandbox (`runInContext`), garbage collection and
 * native writes each show as themselves.
 */
export function placeOf(callFrame: CpuProfile['nodes'][number]['callFrame'], projectRoot: string): string {
  const { url, functionName } = callFrame;
  // A regular expression's frame is named by its whole pattern.
  if (!url)
    return functionName.startsWith('RegExp:')
      ? '(regular expressions)'
      : `(${functionName.replace(/^\((.*)\)$/, '$1') || 'native'})`;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:')) return 'node internals';
  if (/workflow-bundle[^/]*\.js$/.test(url)) return 'workflow bundle';
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(projectRoot) ? path.relative(projectRoot, file) : file;
}

function summarise(profile: CpuProfile, file: string, projectRoot: string, top: number): ThreadSummary {
  const places = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame, projectRoot)]));
  const spent = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const where = places.get(id)!;
    if (where === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    spent.set(where, (spent.get(where) ?? 0) + us);
  });
  const ranked = [...spent].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    file,
    busyMs: Math.round(busy / 1000),
    top: ranked.map(([where, us]) => ({
      where,
      ms: Math.round(us / 1000),
      share: busy ? Math.round((1000 * us) / busy) / 10 : 0,
    })),
  };
}

/**
 * Every thread profiled under `dir` that did a share of the work, busiest
 * first, each with where its time went. (Each process also has threads that
 * only load code: left out below a hundredth of the busiest.)
 */
export function summariseProfiles(dir: string, projectRoot: string, top = 8): ThreadSummary[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.cpuprofile'));
  const threads = files.map((file) =>
    summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, file, projectRoot, top),
  );
  const busiest = Math.max(0, ...threads.map((t) => t.busyMs));
  return threads.filter((t) => t.busyMs > 0 && t.busyMs >= busiest / 100).sort((a, b) => b.busyMs - a.busyMs);
}

export function profileReport(threads: ThreadSummary[]): string {
  return threads
    .map((t) =>
      [
        `${t.file}: busy ${(t.busyMs / 1000).toFixed(1)} s`,
        ...t.top.map((p) => `  ${String(p.share).padStart(5)}%  ${p.where}`),
      ].join('\n'),
    )
    .join('\n');
}
