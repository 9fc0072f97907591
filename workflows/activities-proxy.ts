import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** The activities as workflows call them: retried with backoff until they succeed or fail for good. */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
