import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler } from '@temporalio/workflow';
import { requirementOf, stepsToEnter } from '../domain/ladder';
import { evaluate } from '../domain/requirements';
import { activities } from './activities-proxy';
import { now } from './clock';
import { notTaken, registerUpdate } from './handlers';
import {
  completeStepUpdate,
  nominateSponsorUpdate,
  promotionStatusQuery,
  stepPageQuery,
  verdictUpdate,
  voteUpdate,
  type PromotionOutcome,
  type PromotionResult,
} from './messages';
import { backgroundCheck } from './promotion/background-check';
import { boardMotion } from './promotion/board-motion';
import { checkConditions } from './promotion/conditions';
import { PromotionContext, type PromotionInput } from './promotion/context';
import { peerVote } from './promotion/peer-vote';
import { handleSponsors } from './promotion/sponsors';
import { runStallTimers } from './promotion/stall-timers';
import { handleStepUpdates } from './promotion/step-updates';
import { runTenure } from './promotion/tenure';
import { keepView } from './view';

export type { PromotionInput } from './promotion/context';

/**
 * One attempt to enter one level: every gate of the level runs at once, and
 * the attempt ends as soon as the level's requirement is met or can no longer
 * be met. A child of the contributor's workflow.
 */
export async function promotionWorkflow(input: PromotionInput): Promise<PromotionResult> {
  const level = input.ladder.levels.find((l) => l.id === input.target)!;
  const ctx = new PromotionContext(input, stepsToEnter(input.ladder, level, input.returning));
  const requirement = requirementOf(level, input.returning);
  const progress = () => evaluate(input.ladder, requirement, (id) => ctx.step(id)!.status);
  const decided = () => ctx.status.state !== 'open';

  const kinds = new Set(ctx.definitions.map((d) => d.kind));
  const runPeerVote = kinds.has('peer-vote') ? peerVote(ctx) : undefined;
  const sponsors = kinds.has('recommendation') ? handleSponsors(ctx) : undefined;
  const steps = handleStepUpdates(ctx, () => decided() || progress() === 'open', {
    recommendation: sponsors?.step,
    'peer-vote': runPeerVote,
  });
  const motion = kinds.has('board-approval') ? boardMotion(ctx) : undefined;
  const dispute = kinds.has('background-check') ? backgroundCheck(ctx) : undefined;

  // Every message this workflow takes, in one place and before the first await:
  // an update arriving early is buffered only until the end of the first activation.
  // An update for a gate this level does not have is refused, with why.
  const without = (gate: string) => notTaken(`the promotion to ${level.name} has no ${gate}`);
  setHandler(promotionStatusQuery, () => ctx.status);
  setHandler(stepPageQuery, steps.page);
  registerUpdate(completeStepUpdate, steps.complete);
  registerUpdate(nominateSponsorUpdate, sponsors?.nominate ?? without('recommendation by sponsors'));
  registerUpdate(voteUpdate, motion?.vote ?? without('board motion'));
  registerUpdate(verdictUpdate, dispute?.verdict ?? without('background check'));

  // The status, and the pages of open steps, as readers see them.
  // The pages follow from the status and the ladder in the input alone: the status is the key.
  const view = keepView(
    input.contributorId,
    () => ({ ...ctx.status, pages: steps.openPages() }),
    () => ctx.status,
  );

  await ctx.audit('started', 'promotion.started', `team-leader:${input.proposedBy}`, {
    from: input.fromLevel,
    carried: ctx.status.steps.filter((s) => s.completedByActor === 'carried').map((s) => s.id),
  });
  const gates = new CancellationScope();
  const opening = input.returning ? 'returning' : input.fromLevel === null ? 'welcome' : 'promotion';
  const stepsMail = () => ctx.mailCandidate(opening, 'steps');
  const running = gates.run(async () => {
    await Promise.all([
      // A mail on its way finishes even when the attempt is decided first.
      CancellationScope.nonCancellable(stepsMail),
      kinds.has('tenure') ? runTenure(ctx) : undefined,
      motion?.run(),
      dispute?.run(),
      runPeerVote?.run(),
      kinds.has('condition') ? checkConditions(ctx) : undefined,
      runStallTimers(ctx),
    ]);
  });
  // A gate failing for good (not by cancellation) fails the attempt's workflow, visibly.
  const gatesDone = running.catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  const finish = async (outcome: PromotionOutcome) => {
    ctx.status.state = outcome;
    ctx.status.decidedAt = now().toISOString();
    gates.cancel();
    await gatesDone;
    await closeOpenRecords(ctx);
    await ctx.audit('outcome', `promotion.${outcome}`, 'system', {
      steps: Object.fromEntries(ctx.status.steps.map((s) => [s.id, s.status])),
    });
  };

  const requirementDecided = () => condition(() => progress() !== 'open');
  try {
    await Promise.race([requirementDecided(), gatesDone.then(requirementDecided)]);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // Withdrawn: close what is open and say so, then end as cancelled.
    await CancellationScope.nonCancellable(async () => {
      await finish('withdrawn');
      await condition(view.written);
    });
    throw err;
  }
  const outcome =
    progress() === 'met' ? 'passed' : ctx.status.steps.some((s) => s.status === 'timed-out') ? 'timed-out' : 'failed';
  await finish(outcome);
  // Readers see how it ended before it ends.
  await condition(() => allHandlersFinished() && view.written());
  const { statements } = ctx.status;
  return { outcome, credentials: ctx.credentials(), steps: ctx.status.steps, ...(statements ? { statements } : {}) };
}

/** A motion or dispute still open when the attempt ends is closed, so no one votes on a decided case. */
async function closeOpenRecords(ctx: PromotionContext): Promise<void> {
  if (ctx.status.motion?.state === 'open') {
    await activities.closeMotion({ motionId: ctx.status.motion.id, state: 'withdrawn' });
  }
  if (ctx.status.dispute?.state === 'open') {
    await activities.saveDispute({ disputeId: ctx.status.dispute.id, state: 'withdrawn' });
  }
}
