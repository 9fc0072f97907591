import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { stepsToEnter, type Ladder } from '../domain/ladder';
import { now } from './clock';
import { completeStepUpdate, statusQuery, STEP_REFUSED, type CompleteStepInput, type ContributorStatus } from './messages';
import { LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from './search-attributes';

const activities = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface ContributorInput {
  contributorId: string;
  /** The ladder as it was when the onboarding started; the run keeps this snapshot. */
  ladder: Ladder;
  name: string;
  email: string;
  /** The API key that started the onboarding. */
  startedBy: string;
  /** What a previous run handed over through continue-as-new. */
  carried?: { status: ContributorStatus };
}

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: STEP_REFUSED, message, nonRetryable: true });
}

function initialStatus(input: ContributorInput, ladder: Ladder): ContributorStatus {
  const entry = ladder.levels[0]!;
  return {
    contributorId: input.contributorId,
    ladderId: ladder.id,
    name: input.name,
    state: 'onboarding',
    level: null,
    workingToward: entry.id,
    steps: stepsToEnter(ladder, entry).map((step) => ({
      id: step.id,
      kind: step.kind,
      title: step.title,
      completedBy: step.completedBy,
      status: 'open',
    })),
  };
}

/**
 * One contributor's whole life on a ladder. It lives as long as the person
 * is on the ladder and carries its state over through continue-as-new.
 */
export async function contributorWorkflow(input: ContributorInput): Promise<void> {
  const { workflowId, firstExecutionRunId } = workflowInfo();
  const { ladder } = input;
  const status = input.carried?.status ?? initialStatus(input, ladder);
  const actorOf = (cmd: CompleteStepInput) => (cmd.actor.type === 'candidate' ? `candidate:${input.contributorId}` : `team-leader:${cmd.actor.id}`);
  const completing = new Set<string>();
  const openSteps = () => status.steps.filter((step) => step.status === 'open');
  /** The last step is done but the level it leads to is not yet recorded. */
  const levelPending = () => status.level === null && openSteps().length === 0;

  setHandler(statusQuery, () => status);
  setHandler(
    completeStepUpdate,
    async (cmd) => {
      const step = status.steps.find((s) => s.id === cmd.stepId)!;
      // Claimed before the first await, so a second update for the same step
      // is refused by the validator instead of completing it twice.
      completing.add(step.id);
      const completedAt = now().toISOString();
      await activities.recordAudit({
        idempotencyKey: `${workflowId}:${firstExecutionRunId}:step:${step.id}`,
        actor: actorOf(cmd),
        action: 'step.completed',
        contributorId: input.contributorId,
        workflowId,
        details: { step: step.id, kind: step.kind, linkId: cmd.linkId, note: cmd.note },
      });
      Object.assign(step, { status: 'done', completedAt, completedByActor: cmd.actor.type === 'candidate' ? 'candidate' : cmd.actor.id });
      completing.delete(step.id);
      // Answer with the step's consequences applied, so the caller sees the level it led to.
      await condition(() => !levelPending());
      return { stepId: step.id, completedAt, level: status.level };
    },
    {
      validator(cmd: CompleteStepInput) {
        const step = status.steps.find((s) => s.id === cmd.stepId);
        if (!step) refuse(`step "${cmd.stepId}" is not part of this contributor's ladder`);
        if (step.status !== 'open' || completing.has(step.id)) refuse(`step "${cmd.stepId}" is already done`);
        if (step.completedBy !== cmd.actor.type) refuse(`step "${cmd.stepId}" is completed by the ${step.completedBy}, not the ${cmd.actor.type}`);
      },
    },
  );

  if (!input.carried) {
    await activities.registerContributor({
      idempotencyKey: `${workflowId}:${firstExecutionRunId}:registered`,
      contributorId: input.contributorId,
      workflowId,
      ladderId: ladder.id,
      name: input.name,
      email: input.email,
      startedBy: input.startedBy,
    });
    await activities.sendStepLinks({
      idempotencyKey: `${workflowId}:${firstExecutionRunId}:welcome`,
      template: 'welcome',
      contributorId: input.contributorId,
      workflowId,
      ladderName: ladder.name,
      steps: stepsToEnter(ladder, ladder.levels[0]!).filter((step) => step.completedBy === 'candidate'),
    });
  }

  if (status.level === null) {
    await condition(levelPending);
    const entry = ladder.levels[0]!;
    await activities.recordLevel({
      idempotencyKey: `${workflowId}:${firstExecutionRunId}:level:${entry.id}`,
      contributorId: input.contributorId,
      workflowId,
      level: entry.id,
    });
    status.level = entry.id;
    status.state = 'active';
    status.workingToward = null;
    upsertSearchAttributes([
      { key: LEVEL_ATTRIBUTE, value: entry.id },
      { key: STATE_ATTRIBUTE, value: status.state },
    ]);
  }

  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof contributorWorkflow>({ ...input, carried: { status } });
}
