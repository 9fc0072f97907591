import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { personalDataRetentionWorkflow } from '../workflows/retention-workflow';

export const RETENTION_SCHEDULE_ID = 'trustladder-personal-data-retention';

/**
 * The daily run of the retention purge, as a Temporal schedule: one per
 * namespace however many workers run, and a run missed while everything was
 * down is caught up once.
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string, scheduleId = RETENTION_SCHEDULE_ID): Promise<'created' | 'kept' | 'updated'> {
  const action = { type: 'startWorkflow' as const, workflowType: personalDataRetentionWorkflow, taskQueue, workflowId: `${scheduleId}-run` };
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 day' }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(scheduleId);
  const current = await handle.describe();
  if (current.action.type === 'startWorkflow' && current.action.taskQueue === taskQueue) return 'kept';
  await handle.update((previous) => ({ ...previous, action }));
  return 'updated';
}
