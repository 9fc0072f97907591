import { workflowIdFor } from '../../domain/contributor-id';
import type { Caller } from '../../platform/api-keys';
import { completeStepUpdate, nominateSponsorUpdate, proposePromotionUpdate } from '../../workflows/messages';
import {
  contributorView,
  openPromotion,
  readyForPromotion,
  viewWith,
  type ContributorView,
} from '../contributor-workflows';
import { HttpProblem } from '../problem';
import type { UseCaseDeps } from './deps';

/** A team leader proposes a contributor for the next level: the promotion's gates begin. */
export async function proposeNextLevel(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  note?: string,
): Promise<{ workflowId: string; target: string }> {
  const { ladderId, lastDecided } = await readyForPromotion(deps, contributorId);
  return deps.temporal.workflow.getHandle(workflowIdFor(contributorId)).executeUpdate(proposePromotionUpdate, {
    args: [{ proposedBy: caller.id, note, ladder: deps.ladders.get(ladderId), lastDecided }],
  });
}

/** A team leader names a sponsor for the promotion under way; the sponsor is mailed a link to vouch. */
export async function nameSponsor(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  sponsorId: string,
): Promise<{ sponsorId: string; name: string }> {
  const { promotionId } = await openPromotion(deps, contributorId);
  return deps.temporal.workflow.getHandle(promotionId).executeUpdate(nominateSponsorUpdate, {
    args: [{ sponsorId, by: caller.id }],
  });
}

export interface StepRecord {
  check?: string;
  challenge?: string;
  result?: 'passed' | 'failed';
  note?: string;
}

/** Why a record of a check or challenge cannot be taken as given, or undefined. */
export function stepRecordProblem({ check, challenge, result }: StepRecord): string | undefined {
  if ((check === undefined) === (challenge === undefined)) return 'give exactly one of check or challenge';
  if (challenge !== undefined && !result) return 'a challenge needs its result: passed or failed';
  if (check !== undefined && result) return 'a result is only for a challenge';
  return undefined;
}

/** A team leader records a check only a person can make, or a challenge's result. */
export async function recordStep(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  record: StepRecord,
): Promise<ContributorView> {
  const problem = stepRecordProblem(record);
  if (problem) throw new HttpProblem(400, 'Bad Request', problem);
  const { check, challenge, result, note } = record;
  const { status, promotionId } = await openPromotion(deps, contributorId);
  const done = await deps.temporal.workflow.getHandle(promotionId).executeUpdate(completeStepUpdate, {
    args: [
      {
        stepId: check !== undefined ? `check:${check}` : `challenge:${challenge}`,
        actor: { type: 'team-leader', id: caller.id },
        result,
        note,
      },
    ],
  });
  return done.view ? viewWith(status, done.view) : contributorView(deps, contributorId);
}
