import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { floorActivities } from './floor-activities';

/** One step of the floor: runs this many no-op activities, and this many no-op local activities, then answers. */
export const floorStep = defineUpdate<void, [number, number]>('floorStep');

const { noop } = proxyActivities<ReturnType<typeof floorActivities>>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<ReturnType<typeof floorActivities>>({ startToCloseTimeout: '1 minute' });

/**
 * The bare engine's floor for the benchmark: what Temporal costs for a
 * contributor's updates and activities when the workflow does nothing else.
 */
export async function floorWorkflow(updates: number): Promise<void> {
  let done = 0;
  setHandler(floorStep, async (activities, localActivities) => {
    for (let i = 0; i < localActivities; i++) await local.noop();
    for (let i = 0; i < activities; i++) await noop();
    done++;
  });
  await condition(() => done === updates);
}
