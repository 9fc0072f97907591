import { proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities';

const RETRY: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  backoffCoefficient: 2,
};

/** The activities as workflows call them: retried with backoff until they succeed or fail for good. */
export const activities = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY });

/**
 * The same, run by the worker inside the workflow task that calls them: for
 * short writes that must land before that task's answers go out (an update's
 * result), and that do not need the server to schedule them.
 */
export const localActivities = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: RETRY });
