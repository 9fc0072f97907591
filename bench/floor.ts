import type { Client } from '@temporalio/client';
import { FLOOR_TASK_QUEUE } from './bench-system';
import { floorStep, floorWorkflow } from './floor-workflow';
import { withConcurrency, type Latencies } from './latency';

/** How a contributor's activities fall across their updates: as evenly as whole numbers allow. */
export function activitiesPerUpdate(updates: number, activities: number): number[] {
  return Array.from({ length: updates }, (_, i) => Math.floor(activities / updates) + (i < activities % updates ? 1 : 0));
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
  options: { workflows: number; updates: number; activities: number; localActivities: number; concurrency: number; runId: string },
): Promise<number> {
  const shares = activitiesPerUpdate(options.updates, options.activities);
  const localShares = activitiesPerUpdate(options.updates, options.localActivities);
  const started = performance.now();
  await withConcurrency(
    Array.from({ length: options.workflows }, (_, i) => i),
    options.concurrency,
    async (i) => {
      const handle = await temporal.workflow.start(floorWorkflow, { taskQueue: FLOOR_TASK_QUEUE, workflowId: `floor-${options.runId}-${i}`, args: [options.updates] });
      for (const [i, share] of shares.entries()) await latencies.time('bare update', () => handle.executeUpdate(floorStep, { args: [share, localShares[i]!] }));
    },
  );
  return (performance.now() - started) / 1000;
}
