import { continueAsNew, getExternalWorkflowHandle, workflowInfo } from '@temporalio/workflow';
import { activities } from './activities-proxy';
import { activitySeenSignal } from './messages';

/** People read per activity: small enough that one page finishes well within its timeout. */
const PAGE = 100;

/**
 * The daily read of activity (started by a Temporal schedule, worker/schedules.ts): asks the systems people work
 * in when each was last seen there, and tells the workflow of everyone seen since their last sign of life. Goes
 * on as a new run, from where it was, when its history grows long.
 */
export async function activityReadWorkflow(
  from: { after?: string; read?: number; signs?: number } = {},
): Promise<{ read: number; signs: number }> {
  let { after } = from;
  let read = from.read ?? 0;
  let signs = from.signs ?? 0;
  for (;;) {
    const page = await activities.readSignsOfLife({ ...(after ? { after } : {}), limit: PAGE });
    await Promise.all(
      page.seen.map(({ workflowId, at, source }) =>
        // Someone who left meanwhile has no workflow to tell, and needs no sign of life.
        getExternalWorkflowHandle(workflowId)
          .signal(activitySeenSignal, { at, source })
          .catch(() => undefined),
      ),
    );
    read += page.read;
    signs += page.seen.length;
    if (!page.next) return { read, signs };
    after = page.next;
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof activityReadWorkflow>({ after, read, signs });
  }
}
