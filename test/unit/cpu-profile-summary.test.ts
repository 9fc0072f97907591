import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { profileReport, summariseProfiles } from '../../bench/cpu-profile-summary';

/** The benchmark's `--profile` summary: where each thread's CPU went, by package, project file or V8 frame. */
describe('CPU profile summary', () => {
  const root = '/srv/trustladder';
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'profiles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url } });
  const write = (file: string, samples: number[], timeDeltas: number[]) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const nodes = [
      frame(1, '(idle)', ''),
      frame(2, 'runInContext', ''),
      frame(3, 'init', 'file:///srv/trustladder/node_modules/@temporalio/worker/lib/workflow/vm-shared.js'),
      frame(4, 'projectView', 'file:///srv/trustladder/activities/view-activities.ts'),
      frame(5, 'changed', 'file:///tmp/trustladder-workflows-x/workflow-bundle.js'),
      frame(6, 'emit', 'node:events'),
      frame(7, 'RegExp: (?:\\s+at (Activity\\.)?execute', ''),
    ];
    writeFileSync(path.join(dir, file), JSON.stringify({ nodes, samples, timeDeltas }));
  };

  test('when threads are profiled, then each shows its busy time and where it went, idle and loader threads left out', () => {
    write('worker/CPU.1.0.cpuprofile', [1, 2, 2, 3, 4, 5, 6, 7], [9_000, 3_000, 3_000, 2_000, 1_000, 500, 500, 0]);
    write('api/CPU.2.0.cpuprofile', [1, 6], [5_000, 1_000]);
    write('api/CPU.2.1.cpuprofile', [1], [7_000]);
    write('api/CPU.2.2.cpuprofile', [7], [90]);

    const threads = summariseProfiles(dir, root);

    expect(threads.map((t) => [t.file, t.busyMs])).toEqual([
      [path.join('worker', 'CPU.1.0.cpuprofile'), 10],
      [path.join('api', 'CPU.2.0.cpuprofile'), 1],
    ]);
    expect(threads[0]!.top).toEqual([
      { where: '(runInContext)', ms: 6, share: 60 },
      { where: '@temporalio/worker', ms: 2, share: 20 },
      { where: 'activities/view-activities.ts', ms: 1, share: 10 },
      { where: 'workflow bundle', ms: 1, share: 5 },
      { where: 'node internals', ms: 1, share: 5 },
      { where: '(regular expressions)', ms: 0, share: 0 },
    ]);
    expect(profileReport(threads).split('\n').slice(0, 2)).toEqual([
      `${path.join('worker', 'CPU.1.0.cpuprofile')}: busy 0.0 s`,
      '     60%  (runInContext)',
    ]);
  });
});
