import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { levelIndex, type Ladder } from '../domain/ladder';
import { activities } from './activities-proxy';
import { holdLevel } from './contributor/hold-level';
import { setListAttributes } from './contributor/list-attributes';
import { handleAccess } from './contributor/access';
import { leaving } from './contributor/leaving';
import { standing } from './contributor/standing';
import { handleUpkeep } from './contributor/upkeep';
import { registerUpdate, type UpdateHandling } from './handlers';
import {
  activitySeenSignal,
  completeStepUpdate,
  flagForReviewSignal,
  leaveUpdate,
  onboardingStartedUpdate,
  proposePromotionUpdate,
  reviewUpdate,
  setIdentitiesUpdate,
  signOfLifeUpdate,
  statusQuery,
  stepPageQuery,
  type ContributorStatus,
  type PromotionResult,
  type ProposePromotionInput,
} from './messages';
import { promotionWorkflow } from './promotion-workflow';
import { refuse } from './refusal';
import { LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from './search-attributes';
import { keepView } from './view';

export interface ContributorInput {
  contributorId: string;
  /** The ladder as it was when the onboarding started; the contributor keeps this snapshot. */
  ladder: Ladder;
  name: string;
  email: string;
  /** The language their mail and pages are in (platform/i18n); the ladder's, else English, when absent. */
  language?: string;
  /** The API key that started the onboarding. */
  startedBy: string;
  /**
   * An emeritus onboarded again: what they keep from their time before (history, credentials) and the level they
   * held, which they return to by its `return:` path.
   */
  returning?: Pick<ContributorStatus, 'history' | 'credentials' | 'formerLevel'>;
  /** What a previous run handed over through continue-as-new. */
  carried?: { status: ContributorStatus; attempts: number };
}

/**
 * Continue-as-new once the server suggests it and the history is long enough
 * to matter (the time-skipping test server suggests it early).
 */
const historyTooLong = () => workflowInfo().continueAsNewSuggested && workflowInfo().historyLength > 1_000;

/** How long a proposal waits for a just-decided promotion to arrive; longer when the caller saw it decided. */
const PROMOTION_SETTLING = '5 seconds';
const DECIDED_PROMOTION_SETTLING = '1 minute';

interface Proposal {
  target: string;
  proposedBy: string;
  childId: string;
  returning?: boolean;
}

/**
 * One contributor's whole life on a ladder: the entry onboarding, then each
 * promotion a team leader proposes, each as a child workflow. It lives as long
 * as the person is on the ladder and carries its state over through
 * continue-as-new.
 */
export async function contributorWorkflow(input: ContributorInput): Promise<void> {
  const { workflowId, firstExecutionRunId } = workflowInfo();
  // A proposal can bring the ladder as its file reads now; the contributor keeps it from then on.
  let ladder = input.ladder;
  const status: ContributorStatus = input.carried?.status ?? {
    contributorId: input.contributorId,
    ladderId: ladder.id,
    name: input.name,
    state: 'onboarding',
    level: null,
    levelSince: null,
    promotion: null,
    history: input.returning?.history ?? [],
    credentials: input.returning?.credentials ?? { agreements: {}, challenges: [] },
  };
  let attempts = input.carried?.attempts ?? 0;
  let proposal: Proposal | undefined;
  let promotionScope: CancellationScope | undefined;
  const proposalFor = (target: string, proposedBy: string, returning = false): Proposal => ({
    target,
    proposedBy,
    childId: `${workflowId}.promotion-${attempts + 1}-${target}`,
    ...(returning ? { returning } : {}),
  });
  /** The entry level; for a returning emeritus, the level they held, where the ladder gives it a `return:` path. */
  const firstProposal = (): Proposal => {
    const former = ladder.levels.find((l) => l.id === input.returning?.formerLevel);
    return former?.return
      ? proposalFor(former.id, input.startedBy, true)
      : proposalFor(ladder.levels[0]!.id, input.startedBy);
  };

  const view = keepView(input.contributorId, () => status);
  const ctx = {
    contributorId: input.contributorId,
    name: input.name,
    ladder: () => ladder,
    status,
    promotionScope: () => promotionScope,
  };
  const changes = standing(ctx);
  const upkeep = handleUpkeep(ctx, changes);
  const access = handleAccess(ctx, input.email);

  const propose: UpdateHandling<{ workflowId: string; target: string }, [ProposePromotionInput]> = {
    async handle(cmd: ProposePromotionInput) {
      // A promotion that has just been decided reaches this workflow a moment
      // later; a proposal made in that moment waits for it rather than fail.
      if (
        status.promotion?.state === 'open' &&
        !(await condition(
          () => status.promotion?.state !== 'open',
          cmd.lastDecided ? DECIDED_PROMOTION_SETTLING : PROMOTION_SETTLING,
        ))
      ) {
        refuse(`a promotion to ${status.promotion.target} is already under way`);
      }
      if (proposal) refuse(`a promotion to ${proposal.target} is already under way`);
      if (cmd.ladder) ladder = cmd.ladder;
      const next = ladder.levels[levelIndex(ladder, status.level) + 1];
      if (!next) refuse(`${status.level} is the top of the ${ladder.name} ladder`);
      const mine = proposalFor(next.id, cmd.proposedBy);
      proposal = mine;
      await activities.recordAudit({
        idempotencyKey: `${workflowId}:${firstExecutionRunId}:proposed:${attempts + 1}`,
        actor: `team-leader:${cmd.proposedBy}`,
        action: 'promotion.proposed',
        contributorId: input.contributorId,
        workflowId,
        details: { target: next.id, note: cmd.note },
      });
      await condition(() => status.promotion?.workflowId === mine.childId);
      return { workflowId: mine.childId, target: mine.target };
    },
    validate(cmd: ProposePromotionInput) {
      if (status.state === 'left') refuse('this contributor has left the ladder');
      if (changes.busy()) refuse('a change to this contributor is already being made');
      if (proposal) refuse(`a promotion to ${proposal.target} is already under way`);
      if (
        cmd.ladder &&
        (cmd.ladder.id !== ladder.id || (status.level !== null && levelIndex(cmd.ladder, status.level) < 0))
      ) {
        refuse(`the ${ladder.name} ladder file no longer has the level ${status.level}: fix the file before proposing`);
      }
      const next = cmd.ladder ?? ladder;
      if (status.promotion?.state !== 'open' && levelIndex(next, status.level) + 1 >= next.levels.length)
        refuse(`${status.level} is the top of the ${next.name} ladder`);
    },
  };

  // Every message this workflow takes, in one place and before the first await:
  // an update arriving early is buffered only until the end of the first activation.
  setHandler(statusQuery, () => status);
  setHandler(onboardingStartedUpdate, async () => {
    await condition(() => status.promotion !== null);
    return status;
  });
  registerUpdate(proposePromotionUpdate, propose);
  registerUpdate(leaveUpdate, leaving(ctx, changes));
  registerUpdate(setIdentitiesUpdate, access.setIdentities);
  registerUpdate(reviewUpdate, upkeep.review);
  registerUpdate(signOfLifeUpdate, upkeep.reportAlive);
  // The contributor's own step (the sign of life asked for by a ping) and its page.
  registerUpdate(completeStepUpdate, upkeep.answerAlive);
  setHandler(stepPageQuery, upkeep.alivePage);
  setHandler(flagForReviewSignal, upkeep.flag);
  setHandler(activitySeenSignal, upkeep.seen);

  if (!input.carried) {
    await activities.registerContributor({
      idempotencyKey: `${workflowId}:${firstExecutionRunId}:registered`,
      contributorId: input.contributorId,
      workflowId,
      ladderId: ladder.id,
      name: input.name,
      email: input.email,
      language: input.language ?? ladder.language ?? 'en',
      startedBy: input.startedBy,
      ...(input.returning ? { returning: true } : {}),
    });
    proposal = firstProposal();
  }

  const upkeepScope = new CancellationScope();
  const upkeepRun = upkeepScope.run(upkeep.run).catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  const accessScope = new CancellationScope();
  const accessRun = accessScope.run(access.run).catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  /** Lets the access loop finish its round (on leaving: revoke everything) and stops it. */
  const stopAccess = async () => {
    await condition(access.settled);
    accessScope.cancel();
    await accessRun;
  };

  for (;;) {
    await condition(() => proposal !== undefined || historyTooLong() || status.state === 'left');
    if (status.state === 'left') {
      setListAttributes([
        { key: STATE_ATTRIBUTE, value: 'left' },
        { key: LEVEL_ATTRIBUTE, value: 'none' },
      ]);
      await upkeepRun;
      await stopAccess();
      await condition(() => allHandlersFinished() && view.written());
      return;
    }
    if (!proposal) break;
    upkeep.signOfLife();
    const current = proposal;
    attempts++;
    status.state = status.level === null ? 'onboarding' : 'promoting';
    setListAttributes([{ key: STATE_ATTRIBUTE, value: status.state }]);
    promotionScope = new CancellationScope();
    let result: PromotionResult;
    try {
      result = await promotionScope.run(async () => {
        const child = await startChild(promotionWorkflow, {
          workflowId: current.childId,
          args: [
            {
              contributorId: input.contributorId,
              name: input.name,
              ladder,
              target: current.target,
              fromLevel: status.level,
              levelSince: status.levelSince,
              proposedBy: current.proposedBy,
              credentials: status.credentials,
              ...(current.returning ? { returning: true } : {}),
            },
          ],
          parentClosePolicy: ParentClosePolicy.TERMINATE,
        });
        // Shown once the child exists, so whoever reads it can act on the promotion at once.
        status.promotion = { workflowId: current.childId, target: current.target, state: 'open' };
        proposal = undefined;
        return child.result();
      });
    } catch (err) {
      // Withdrawn by the team leader (see contributor/leaving.ts); anything else is a real failure.
      if (!isCancellation(err)) throw err;
      proposal = undefined;
      result = { outcome: 'withdrawn', credentials: status.credentials };
    }
    promotionScope = undefined;
    const { outcome, credentials, steps, statements } = result;
    if (outcome === 'passed') {
      await activities.recordLevel({
        idempotencyKey: `${workflowId}:${firstExecutionRunId}:level:${attempts}`,
        contributorId: input.contributorId,
        workflowId,
        level: current.target,
      });
      holdLevel(status, current.target);
    }
    // Changed together, after the level is recorded: whoever waits for the outcome sees the new level with it.
    status.credentials = credentials;
    status.promotion = {
      workflowId: current.childId,
      target: current.target,
      state: outcome,
      steps,
      ...(statements ? { statements } : {}),
    };
    status.state = status.level === null ? 'onboarding' : 'active';
    upkeep.signOfLife();
    setListAttributes([
      { key: LEVEL_ATTRIBUTE, value: status.level ?? 'none' },
      { key: STATE_ATTRIBUTE, value: status.state },
    ]);
  }

  upkeepScope.cancel();
  await upkeepRun;
  await stopAccess();
  await condition(() => allHandlersFinished() && view.written());
  await continueAsNew<typeof contributorWorkflow>({ ...input, ladder, carried: { status, attempts } });
}
