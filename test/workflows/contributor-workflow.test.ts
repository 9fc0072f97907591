import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { AuditEvent } from '../../activities/audit';
import { loadLadderFile } from '../../domain/ladder-file';
import { contributorWorkflow, type ContributorInput } from '../../workflows/contributor-workflow';
import { completeStepUpdate, statusQuery, STEP_REFUSED } from '../../workflows/messages';
import { ensureSearchAttributes } from '../../infra/search-attributes';
import { requireTemporalTool } from '../../infra/temporal-tools';

/** Workflow logic alone: the time-skipping server, activities replaced by recorders. */
describe('contributor workflow', () => {
  let env: TestWorkflowEnvironment;
  const ladder = loadLadderFile(`${__dirname}/../../ladders/cacert-support.yaml`);

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requireTemporalTool('testServer') } },
    });
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function recordingActivities() {
    const calls: { name: string; input: unknown }[] = [];
    const record = (name: string) => async (input: unknown) => {
      calls.push({ name, input });
      return { messageId: `<${calls.length}@test>` };
    };
    const activities: Record<keyof Activities, (input: never) => Promise<unknown>> = {
      registerContributor: record('registerContributor'),
      sendStepLinks: record('sendStepLinks'),
      recordAudit: record('recordAudit'),
      recordLevel: record('recordLevel'),
    };
    return { calls, activities };
  }

  async function withWorkflow(test: (handle: Awaited<ReturnType<typeof env.client.workflow.start<typeof contributorWorkflow>>>, calls: { name: string; input: unknown }[]) => Promise<void>) {
    const { calls, activities } = recordingActivities();
    const taskQueue = `wf-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities,
    });
    const input: ContributorInput = { contributorId: 'c1', ladder, name: 'Santa Claus', email: 'presents@example.org', startedBy: 'tl1' };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(contributorWorkflow, { taskQueue, workflowId: `contributor-${taskQueue}`, args: [input] });
      await test(handle, calls);
    });
  }

  const refusal = async (promise: Promise<unknown>) => {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(STEP_REFUSED);
    return cause.message;
  };

  test('when a contributor starts, then they are registered and mailed a link for each candidate step of the entry level', async () => {
    await withWorkflow(async (handle, calls) => {
      const status = await handle.query(statusQuery);
      expect(status).toMatchObject({ level: null, state: 'onboarding', workingToward: 'assurer' });
      expect(status.steps.map((s) => [s.id, s.status])).toEqual([
        ['agreement:CCA', 'open'],
        ['check:assurer', 'open'],
      ]);
      // An update is processed after the start activities, so they have run by the time it answers.
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'check:assurer', actor: { type: 'team-leader', id: 'tl1' } }] });
      expect(calls.map((c) => c.name).slice(0, 2)).toEqual(['registerContributor', 'sendStepLinks']);
      const mail = calls[1]!.input as { template: string; steps: { id: string }[] };
      expect(mail.template).toBe('welcome');
      expect(mail.steps.map((s) => s.id)).toEqual(['agreement:CCA']);
    });
  });

  test('when every entry step is done, then the contributor holds the entry level and it is recorded', async () => {
    await withWorkflow(async (handle, calls) => {
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'agreement:CCA', actor: { type: 'candidate', id: 'c1' }, linkId: 'l1' }] });
      const result = await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'check:assurer', actor: { type: 'team-leader', id: 'tl1' }, note: 'is an Assurer' }] });
      expect(result.level).toBe('assurer');
      expect(await handle.query(statusQuery)).toMatchObject({ level: 'assurer', state: 'active', workingToward: null });
      expect(calls.find((c) => c.name === 'recordLevel')?.input).toMatchObject({ contributorId: 'c1', level: 'assurer' });
      const audited = calls.filter((c) => c.name === 'recordAudit').map((c) => c.input as AuditEvent);
      expect(audited.map((e) => [e.action, e.actor, e.details?.step])).toEqual([
        ['step.completed', 'candidate:c1', 'agreement:CCA'],
        ['step.completed', 'team-leader:tl1', 'check:assurer'],
      ]);
    });
  });

  test('when a step is completed twice, by the wrong party, or does not exist, then the update is refused and nothing changes', async () => {
    await withWorkflow(async (handle, calls) => {
      await handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'agreement:CCA', actor: { type: 'candidate', id: 'c1' } }] });
      const auditsBefore = calls.filter((c) => c.name === 'recordAudit').length;

      expect(await refusal(handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'agreement:CCA', actor: { type: 'candidate', id: 'c1' } }] }))).toContain('already done');
      expect(await refusal(handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'check:assurer', actor: { type: 'candidate', id: 'c1' } }] }))).toContain(
        'completed by the team-leader',
      );
      expect(await refusal(handle.executeUpdate(completeStepUpdate, { args: [{ stepId: 'check:sponsor', actor: { type: 'team-leader', id: 'tl1' } }] }))).toContain(
        'not part of',
      );

      expect(calls.filter((c) => c.name === 'recordAudit')).toHaveLength(auditsBefore);
      expect(await handle.query(statusQuery)).toMatchObject({ level: null, steps: [{ status: 'done' }, { status: 'open' }] });
    });
  });
});
