import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { verdictUpdate, voteUpdate } from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { LADDER, leader, toSenior, withContributor } from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

const actionOf = (input: Record<string, unknown>) => (input.audit as { action: string } | undefined)?.action;

/**
 * A motion or dispute changed by the board or arbitration is written by the
 * same activity as its audit row, in one transaction: one round trip with the
 * server instead of two, and never one without the other.
 */
describe('records written with their audit rows', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  test('when the motion opens, a board member votes and arbitration answers, then each change carries its audit row', async () => {
    await withContributor(env, LADDER, async (run) => {
      const senior = await toSenior(run);
      await run.step(senior, { stepId: 'challenge:Quiz-1', actor: leader, result: 'passed' });
      const opened = await eventually(
        async () => run.named('saveMotion'),
        (saves) => saves.length > 0,
      );
      expect(opened.map(actionOf)).toEqual(['motion.opened']);

      await run.promotion(senior).executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b1' }, vote: 'approve' }] });
      expect(run.named('saveMotion').at(-1)).toMatchObject({
        votes: [{ keyId: 'b1', vote: 'approve' }],
        audit: { action: 'motion.vote', actor: 'board:b1', contributorId: 'santa' },
      });

      await run.promotion(senior).executeUpdate(verdictUpdate, { args: [{ arbitrator: 'arb', verdict: 'positive' }] });
      expect(run.named('saveDispute').at(-1)).toMatchObject({
        state: 'positive',
        audit: { action: 'dispute.verdict', actor: 'arbitrator:arb' },
      });

      // Written once: not also as rows of their own.
      const audited = run.named('recordAudit').map((a) => a.action);
      for (const action of ['motion.opened', 'motion.vote', 'dispute.verdict']) expect(audited).not.toContain(action);
    });
  });
});
