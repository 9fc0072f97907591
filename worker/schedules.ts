import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { activityReadWorkflow } from '../workflows/activity-read-workflow';
import { accessReconciliationWorkflow } from '../workflows/reconciliation-workflow';
import { personalDataRetentionWorkflow } from '../workflows/retention-workflow';

export const RETENTION_SCHEDULE_ID = 'trustladder-personal-data-retention';
export const RECONCILIATION_SCHEDULE_ID = 'trustladder-access-reconciliation';
export const ACTIVITY_READ_SCHEDULE_ID = 'trustladder-activity-read';

interface ScheduledWorkflow {
  scheduleId: string;
  workflowType:
    typeof personalDataRetentionWorkflow | typeof accessReconciliationWorkflow | typeof activityReadWorkflow;
  everyMs: number;
  taskQueue: string;
}

/**
 * A workflow run on an interval as a Temporal schedule: one per namespace
 * however many workers run, a run still going when the next is due is
 * skipped, and a run missed while everything was down is caught up once.
 * Kept in step with the configuration on every worker start.
 */
export async function ensureSchedule(
  client: Client,
  wanted: ScheduledWorkflow,
): Promise<'created' | 'kept' | 'updated'> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: wanted.workflowType,
    taskQueue: wanted.taskQueue,
    workflowId: `${wanted.scheduleId}-run`,
  };
  const spec = { intervals: [{ every: wanted.everyMs }] };
  try {
    await client.schedule.create({
      scheduleId: wanted.scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: wanted.everyMs },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(wanted.scheduleId);
  const current = await handle.describe();
  const sameQueue = current.action.type === 'startWorkflow' && current.action.taskQueue === wanted.taskQueue;
  const sameInterval =
    current.spec.intervals?.length === 1 && Number(current.spec.intervals[0]!.every) === wanted.everyMs;
  if (sameQueue && sameInterval) return 'kept';
  await handle.update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}

/** The daily retention purge. */
export const ensureRetentionSchedule = (client: Client, taskQueue: string, scheduleId = RETENTION_SCHEDULE_ID) =>
  ensureSchedule(client, { scheduleId, workflowType: personalDataRetentionWorkflow, everyMs: 86_400_000, taskQueue });

/** Access reconciliation, the backstop behind granting on the decision. */
export const ensureReconciliationSchedule = (
  client: Client,
  taskQueue: string,
  everyMinutes: number,
  scheduleId = RECONCILIATION_SCHEDULE_ID,
) =>
  ensureSchedule(client, {
    scheduleId,
    workflowType: accessReconciliationWorkflow,
    everyMs: everyMinutes * 60_000,
    taskQueue,
  });

/** The daily read of when people were last seen at work in the systems, as signs of life. */
export const ensureActivityReadSchedule = (client: Client, taskQueue: string, scheduleId = ACTIVITY_READ_SCHEDULE_ID) =>
  ensureSchedule(client, { scheduleId, workflowType: activityReadWorkflow, everyMs: 86_400_000, taskQueue });
