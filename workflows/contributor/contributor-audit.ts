import { workflowInfo } from '@temporalio/workflow';
import { activities } from '../activities-proxy';

/** An audit row about this contributor, from their own workflow; one done through an emailed link uses it up. */
export function auditContributor(
  contributorId: string,
  row: { key: string; actor: string; action: string; details: Record<string, unknown>; linkId?: string },
): Promise<void> {
  return activities.recordAudit({
    idempotencyKey: row.key,
    actor: row.actor,
    action: row.action,
    contributorId,
    workflowId: workflowInfo().workflowId,
    details: row.details,
    linkId: row.linkId,
  });
}
