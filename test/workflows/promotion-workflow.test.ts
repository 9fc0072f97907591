import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  nominateSponsorUpdate,
  promotionStatusQuery,
  proposePromotionUpdate,
  statusQuery,
  verdictUpdate,
  voteUpdate,
} from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import {
  candidate,
  LADDER,
  leader,
  refusal,
  toSenior,
  withContributor as runWith,
  type Run,
  signsCCA,
} from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

/** The engine's decisions on the time-skipping server, with activities that only record. */
describe('promotion engine', () => {
  // A server of its own for each test: one test's timers never hold up another's time skipping.
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const withContributor = (yaml: string, test: (run: Run) => Promise<void>) => runWith(env, yaml, test);

  test('when a contributor starts, then they are registered, mailed the candidate steps, and enter the first level once every step is done', async () => {
    await withContributor(LADDER, async (run) => {
      const entry = (await run.contributor.query(statusQuery)).promotion!.workflowId;
      expect(run.named('registerContributor')).toHaveLength(1);
      const result = await run.step(entry, { stepId: 'check:known', actor: leader });
      expect(result).toMatchObject({ status: 'done', promotion: 'open' });
      expect(run.named('sendStepLinks')[0]).toMatchObject({ template: 'welcome', steps: [{ id: 'agreement:CCA' }] });
      expect(await run.step(entry, { ...signsCCA, linkId: 'l1' })).toMatchObject({
        promotion: 'passed',
      });
      const status = await eventually(
        () => run.contributor.query(statusQuery),
        (s) => s.promotion?.state !== 'open',
      );
      expect(status).toMatchObject({
        level: 'member',
        state: 'active',
        credentials: { agreements: { CCA: '1' }, challenges: [] },
      });
      expect(run.named('recordLevel')[0]).toMatchObject({ contributorId: 'santa', level: 'member' });
    });
  });

  test('when a step is completed twice, by the wrong party, without a result, or does not exist, then the update is refused and nothing is audited', async () => {
    await withContributor(LADDER, async (run) => {
      const entry = (await run.contributor.query(statusQuery)).promotion!.workflowId;
      await run.step(entry, signsCCA);
      const audits = run.named('recordAudit').length;
      expect(await refusal(run.step(entry, signsCCA))).toContain('already done');
      expect(await refusal(run.step(entry, { stepId: 'check:known', actor: candidate }))).toContain(
        'completed by the team-leader',
      );
      expect(await refusal(run.step(entry, { stepId: 'check:known', actor: leader, result: 'passed' }))).toContain(
        'not a challenge',
      );
      expect(await refusal(run.step(entry, { stepId: 'check:sponsor', actor: leader }))).toContain('not part of');
      expect(
        await refusal(run.contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] })),
      ).toContain('already under way');
      expect(run.named('recordAudit')).toHaveLength(audits);
    });
  });

  test('when an update names a gate the level does not have, then it is refused with why and nothing is audited', async () => {
    await withContributor(LADDER, async (run) => {
      const entry = run.promotion((await run.contributor.query(statusQuery)).promotion!.workflowId);
      const audits = run.named('recordAudit').length;
      expect(
        await refusal(entry.executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b1' }, vote: 'approve' }] })),
      ).toBe('the promotion to Member has no board motion');
      expect(
        await refusal(entry.executeUpdate(verdictUpdate, { args: [{ arbitrator: 'arb', verdict: 'positive' }] })),
      ).toBe('the promotion to Member has no background check');
      expect(
        await refusal(entry.executeUpdate(nominateSponsorUpdate, { args: [{ sponsorId: 'rudolph', by: 'tl' }] })),
      ).toBe('the promotion to Member has no recommendation by sponsors');
      expect(run.named('recordAudit')).toHaveLength(audits);
      expect((await entry.query(promotionStatusQuery)).state).toBe('open');
    });
  });

  test('when a challenge is failed as often as the ladder allows, then the attempt fails and the contributor keeps their level', async () => {
    await withContributor(LADDER, async (run) => {
      const senior = await toSenior(run);
      const before = await run.promotion(senior).query(promotionStatusQuery);
      expect(before.steps.find((s) => s.id === 'agreement:CCA')).toMatchObject({
        status: 'done',
        completedByActor: 'carried',
      });
      expect(await run.step(senior, { stepId: 'challenge:Quiz-1', actor: leader, result: 'failed' })).toMatchObject({
        status: 'open',
        promotion: 'open',
      });
      expect(await run.step(senior, { stepId: 'challenge:Quiz-1', actor: leader, result: 'failed' })).toMatchObject({
        status: 'failed',
        promotion: 'failed',
      });
      expect(await run.promotion(senior).result()).toMatchObject({ outcome: 'failed' });
      expect(run.named('closeMotion')).toEqual([{ motionId: `${senior}.motion`, state: 'withdrawn' }]);
      expect(run.named('saveDispute').at(-1)).toEqual({ disputeId: `${senior}.dispute`, state: 'withdrawn' });
      const status = await eventually(
        () => run.contributor.query(statusQuery),
        (s) => s.promotion?.state !== 'open',
      );
      expect(status).toMatchObject({ level: 'member', state: 'active', promotion: { state: 'failed' } });
    });
  });

  test('when tenure is served, the dispute answered positively and a board majority approves, then the contributor enters the next level', async () => {
    await withContributor(LADDER, async (run) => {
      const senior = await toSenior(run);
      await run.step(senior, { stepId: 'challenge:Quiz-1', actor: leader, result: 'passed' });
      expect(run.named('fileDispute')).toEqual([
        expect.objectContaining({
          reminder: 0,
          arbitration: 'arbitration@example.org',
          currentLevel: 'Member',
          targetLevel: 'Senior',
        }),
      ]);

      await env.sleep('15 days');
      expect(run.named('fileDispute').map((d) => d.reminder)).toEqual([0, 1, 2]);
      expect(
        (await run.promotion(senior).query(promotionStatusQuery)).steps.find((s) => s.id === 'tenure')!.status,
      ).toBe('open');
      await run.promotion(senior).executeUpdate(verdictUpdate, { args: [{ arbitrator: 'arb', verdict: 'positive' }] });

      const vote = (keyId: string, v: 'approve' | 'block', contributorId?: string) =>
        run.promotion(senior).executeUpdate(voteUpdate, { args: [{ voter: { keyId, contributorId }, vote: v }] });
      expect(await refusal(vote('b0', 'approve', 'santa'))).toContain('own case');
      expect(await vote('b1', 'approve')).toMatchObject({ state: 'open', quorum: 2 });
      expect(await refusal(vote('b1', 'approve'))).toContain('already voted');
      expect(await vote('b2', 'approve')).toMatchObject({ state: 'passed', tally: { approve: 2 } });

      expect((await run.promotion(senior).query(promotionStatusQuery)).state).toBe('open');
      await env.sleep('16 days');
      expect(await run.promotion(senior).result()).toMatchObject({
        outcome: 'passed',
        credentials: { challenges: ['Quiz-1'] },
      });
      const status = await eventually(
        () => run.contributor.query(statusQuery),
        (s) => s.promotion?.state !== 'open',
      );
      expect(status).toMatchObject({ level: 'senior', history: [{ level: 'member' }, { level: 'senior' }] });
    });
  });

  test('when one board member blocks, then the motion is vetoed and the attempt fails', async () => {
    await withContributor(LADDER, async (run) => {
      const senior = await toSenior(run);
      await run.promotion(senior).executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b1' }, vote: 'approve' }] });
      expect(
        await run.promotion(senior).executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b2' }, vote: 'block' }] }),
      ).toMatchObject({ state: 'rejected' });
      expect(await run.promotion(senior).result()).toMatchObject({ outcome: 'failed' });
    });
  });

  test('when arbitration gives no verdict before the deadline, then the background check and the attempt time out', async () => {
    await withContributor(LADDER, async (run) => {
      const senior = await toSenior(run);
      await env.sleep('21 days');
      expect(await run.promotion(senior).result()).toMatchObject({ outcome: 'timed-out' });
      const status = await run.promotion(senior).query(promotionStatusQuery);
      expect(status.steps.find((s) => s.id === 'background-check')!.status).toBe('timed-out');
      expect(status.dispute).toMatchObject({ state: 'timed-out' });
      // The attempt is over: a late verdict finds no running workflow to change.
      await expect(
        run.promotion(senior).executeUpdate(verdictUpdate, { args: [{ arbitrator: 'arb', verdict: 'positive' }] }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  test('when a candidate step stalls, then the candidate is reminded, the team leader told, and at the deadline the attempt times out', async () => {
    const stalling = LADDER.replace(
      '  - id: member\n    name: Member\n',
      '  - id: member\n    name: Member\n    timing: { remindAfter: 2d, escalateAfter: 4d, deadline: 6d }\n',
    );
    await withContributor(stalling, async (run) => {
      const entry = (await run.contributor.query(statusQuery)).promotion!.workflowId;
      await run.step(entry, { stepId: 'check:known', actor: leader });
      await env.sleep('3 days');
      expect(run.named('sendStepLinks').map((m) => m.template)).toEqual(['welcome', 'reminder']);
      await env.sleep('2 days');
      expect(run.named('sendNotice')).toEqual([
        expect.objectContaining({ to: 'leader@example.org', subject: "Stalled: Santa Claus's way to Member" }),
      ]);
      await env.sleep('2 days');
      expect(await run.promotion(entry).result()).toMatchObject({ outcome: 'timed-out' });
      expect((await run.promotion(entry).query(promotionStatusQuery)).steps.map((s) => s.status)).toEqual([
        'timed-out',
        'done',
      ]);
    });
  });
});
