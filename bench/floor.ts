import type { Client, WorkflowHandle } from '@temporalio/client';
import { FLOOR_TASK_QUEUE } from './bench-system';
import { floorStep, floorWorkflow } from './floor-workflow';
import { atRate, withConcurrency, type Latencies } from './latency';
import type { UpdateWork } from './histories';

/** How a contributor's activities fall across their updates: as evenly as whole numbers allow. */
export function activitiesPerUpdate(updates: number, activities: number): number[] {
  return Array.from(
    { length: updates },
    (_, i) => Math.floor(activities / updates) + (i < activities % updates ? 1 : 0),
  );
}

/**
 * The bare engine doing what onboarding asks of it and nothing more: as many
 * workflows, each started and sent the same updates, running the same number
 * of no-op activities and local activities, at the same concurrency. Answers the seconds it took;
 * each update's round trip is timed as 'bare update'.
 */
export async function runFloor(
  temporal: Client,
  latencies: Latencies,
  options: {
    workflows: number;
    updates: number;
    activities: number;
    localActivities: number;
    concurrency: number;
    runId: string;
  },
): Promise<number> {
  const shares = activitiesPerUpdate(options.updates, options.activities);
  const localShares = activitiesPerUpdate(options.updates, options.localActivities);
  const started = performance.now();
  await withConcurrency(
    Array.from({ length: options.workflows }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const handle = await temporal.workflow.start(floorWorkflow, {
        taskQueue: FLOOR_TASK_QUEUE,
        workflowId: `floor-${options.runId}-${i}`,
        args: [options.updates],
      });
      for (const [i, share] of shares.entries())
        await latencies.time('bare update', () => handle.executeUpdate(floorStep, { args: [share, localShares[i]!] }));
    },
  );
  return (performance.now() - started) / 1000;
}

/**
 * The bare engine answering single updates that each do `work`, at
 * `perSecond` over `connections`, each timed from when it was due under
 * `kind`: the engine's own floor under a paced API call made of one update.
 * Each workflow is started and sent an empty update first, outside the
 * timing, so that, like a promotion whose link is confirmed, it has long
 * finished its first task.
 */
export async function pacedFloorUpdates(
  temporal: Client,
  latencies: Latencies,
  kind: string,
  options: { count: number; work: UpdateWork; connections: number; perSecond: number; runId: string },
): Promise<void> {
  const handles: WorkflowHandle<typeof floorWorkflow>[] = [];
  await withConcurrency(
    Array.from({ length: options.count }, (_, i) => i),
    options.connections,
    async (i) => {
      handles[i] = await temporal.workflow.start(floorWorkflow, {
        taskQueue: FLOOR_TASK_QUEUE,
        workflowId: `floor-paced-${options.runId}-${i}`,
        args: [2],
      });
      await handles[i].executeUpdate(floorStep, { args: [0, 0] });
    },
  );
  await atRate(handles, options.connections, options.perSecond, kind, latencies, async (handle) => {
    await handle.executeUpdate(floorStep, { args: [options.work.activities, options.work.localActivities] });
  });
}
