import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReconcileReport } from '../activities/access/reconcile';

// A run that fails is not chased for long: the next one is minutes away.
const { reconcileAccess } = proxyActivities<Pick<Activities, 'reconcileAccess'>>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
});

/**
 * The backstop behind granting on the decision: started by a Temporal
 * schedule (worker/schedules.ts), it fixes whatever drifted in the systems.
 */
export async function accessReconciliationWorkflow(options: { dryRun?: boolean } = {}): Promise<ReconcileReport> {
  return reconcileAccess({ runId: workflowInfo().runId, dryRun: options.dryRun });
}
