import { workflowIdFor } from '../../domain/contributor-id';
import type { Caller } from '../../platform/api-keys';
import { leaveUpdate, reviewUpdate } from '../../workflows/messages';
import { contributorView, type ContributorView } from '../contributor-workflows';
import type { UseCaseDeps } from './deps';

export type LeaveKind = 'withdraw' | 'demote' | 'step-down' | 'revoke';

/** A team leader withdraws a promotion, demotes one level, steps a contributor down, or revokes their trust. */
export async function leave(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  kind: LeaveKind,
  reason: string,
): Promise<ContributorView> {
  await deps.temporal.workflow
    .getHandle(workflowIdFor(contributorId))
    .executeUpdate(leaveUpdate, { args: [{ kind, reason, by: caller.id }] });
  return contributorView(deps, contributorId);
}

export type ReviewDecision = 'keep' | 'demote' | 'revoke';

/** A team leader's review of a member's access: keep, demote or revoke. */
export async function review(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  decision: ReviewDecision,
  reason: string,
): Promise<ContributorView> {
  await deps.temporal.workflow
    .getHandle(workflowIdFor(contributorId))
    .executeUpdate(reviewUpdate, { args: [{ decision, reason, by: caller.id }] });
  return contributorView(deps, contributorId);
}
