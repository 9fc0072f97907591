import { WorkflowUpdateFailedError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { parseLadder } from '../../platform/ladder-file';
import { contributorWorkflow } from '../../workflows/contributor-workflow';
import {
  completeStepUpdate,
  onboardingStartedUpdate,
  proposePromotionUpdate,
  statusQuery,
  type CompleteStepInput,
} from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { recordingActivities, type Call } from '../../tools/testkit/recording-activities';
import { FailureType } from '../../domain/failure-types';

/** A small ladder with every kind of gate, for workflow tests. */
export const LADDER = `
id: test-ladder
name: Test Ladder
board: { seats: 3 }
contacts: { arbitration: arbitration@example.org, teamLeader: leader@example.org }
documents:
  CCA: { title: Community Agreement, version: "1", url: https://example.org/cca }
challenges:
  Quiz-1: { title: the quiz, attempts: 2 }
levels:
  - id: member
    name: Member
    requires:
      all:
        - agreement: CCA
        - check: known
          title: Known to the team
  - id: senior
    name: Senior
    requires:
      all:
        - agreement: CCA
        - challenge: Quiz-1
        - tenure: 30d
        - backgroundCheck: { deadline: 20d, remindEvery: 7d }
        - boardApproval: { motion: "Appoint {name} as {level}" }
`;

export const candidate = { type: 'candidate' as const, id: 'santa' };
export const leader = { type: 'team-leader' as const, id: 'tl' };

/** The candidate signs the test ladder's Community Agreement from its page: with the consent it asks for. */
export const signsCCA: CompleteStepInput = {
  stepId: 'agreement:CCA',
  actor: candidate,
  consent: { document: 'CCA', version: '1', statement: 'I have read and agree to Community Agreement, version 1' },
};

export interface Run {
  contributor: WorkflowHandle<typeof contributorWorkflow>;
  calls: Call[];
  named: ReturnType<typeof recordingActivities>['named'];
  promotion: (id: string) => WorkflowHandle;
  step: (promotionId: string, input: CompleteStepInput) => Promise<unknown>;
}

/** Runs `test` against one contributor on the test ladder, with activities that only record. */
export async function withContributor(
  env: Pick<TestWorkflowEnvironment, 'client' | 'nativeConnection'>,
  yaml: string,
  test: (run: Run) => Promise<void>,
  answers?: Parameters<typeof recordingActivities>[0],
  /** Started as the API starts a contributor, with the list attributes set (none, otherwise). */
  start: Pick<WorkflowStartOptions, 'typedSearchAttributes'> = {},
): Promise<void> {
  const { calls, activities, named } = recordingActivities(answers);
  const taskQueue = `wf-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  await worker.runUntil(async () => {
    const contributor = await env.client.workflow.start(contributorWorkflow, {
      taskQueue,
      workflowId: `contributor-${taskQueue}`,
      args: [
        {
          contributorId: 'santa',
          ladder: parseLadder(yaml, 'test.yaml'),
          name: 'Santa Claus',
          email: 'santa@example.org',
          startedBy: 'tl',
        },
      ],
      ...start,
    });
    await contributor.executeUpdate(onboardingStartedUpdate);
    const promotion = (id: string) => env.client.workflow.getHandle(id);
    const step = (id: string, input: CompleteStepInput) =>
      promotion(id).executeUpdate(completeStepUpdate, { args: [input] });
    await test({ contributor, calls, named, promotion, step });
  });
}

/** The message of an update its validator refused. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(((err as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(FailureType.StepRefused);
  return ((err as WorkflowUpdateFailedError).cause as ApplicationFailure).message;
}

/** Takes the contributor to Member and proposes Senior; returns the Senior attempt's workflow id. */
export async function toSenior(run: Run): Promise<string> {
  const entry = (await run.contributor.query(statusQuery)).promotion!.workflowId;
  await run.step(entry, signsCCA);
  await run.step(entry, { stepId: 'check:known', actor: leader });
  // Wait for the contributor to learn the outcome, so the proposal never races it.
  await eventually(
    () => run.contributor.query(statusQuery),
    (s) => s.level === 'member',
  );
  const { workflowId } = await run.contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] });
  return workflowId;
}
