import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { leaveUpdate, promotionStatusQuery, proposePromotionUpdate, type LeaveKind } from '../../workflows/messages';
import { LADDER, refusal, toSenior, withContributor, type Run } from '../support/ladder-harness';

/**
 * Leaving the ladder, or part of it, with recording activities. On the dev
 * server: it needs no time skipping, and the time-skipping test server does not
 * report a cancelled child back to its parent.
 */
describe('leaving the ladder', () => {
  let env: { client: Client; nativeConnection: NativeConnection };
  let connection: Connection;
  beforeAll(async () => {
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    connection = await Connection.connect({ address });
    env = { client: new Client({ connection }), nativeConnection: await NativeConnection.connect({ address }) };
  });
  afterAll(async () => {
    await env?.nativeConnection.close();
    await connection?.close();
  });

  const leave = (run: Run, kind: LeaveKind, reason = 'decided by the team') =>
    run.contributor.executeUpdate(leaveUpdate, { args: [{ kind, by: 'tl', reason }] });

  test('when trust is revoked mid-promotion, then the attempt is withdrawn, its motion and dispute closed, the level removed, and the workflow ends', async () => {
    await withContributor(env, LADDER, async (run) => {
      const senior = await toSenior(run);
      const status = await leave(run, 'revoke', 'broke the Security Policy');
      expect(status).toMatchObject({
        state: 'left',
        level: null,
        promotion: { workflowId: senior, state: 'withdrawn' },
      });
      expect((await run.promotion(senior).query(promotionStatusQuery)).state).toBe('withdrawn');
      expect(run.named('closeMotion')).toEqual([{ motionId: `${senior}.motion`, state: 'withdrawn' }]);
      expect(run.named('saveDispute').at(-1)).toEqual({ disputeId: `${senior}.dispute`, state: 'withdrawn' });
      expect(run.named('recordLevel').at(-1)).toMatchObject({
        level: null,
        actor: 'team-leader:tl',
        reason: 'broke the Security Policy',
      });
      expect(run.named('recordAudit').map((a) => a.action)).toEqual(
        expect.arrayContaining(['contributor.revoke', 'promotion.withdrawn']),
      );
      await run.contributor.result();
      // The contributor's workflow is over: nothing can be proposed for them any more.
      await expect(
        run.contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] }),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  test('when a promotion is withdrawn, then the contributor keeps their level and can be proposed again', async () => {
    await withContributor(env, LADDER, async (run) => {
      await toSenior(run);
      expect(await leave(run, 'withdraw')).toMatchObject({
        state: 'active',
        level: 'member',
        promotion: { state: 'withdrawn' },
      });
      expect(await refusal(leave(run, 'withdraw'))).toContain('no promotion is under way');
      const again = await run.contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] });
      expect(again.workflowId).toMatch(/promotion-3-senior$/);
    });
  });

  test('when a contributor is demoted, then they hold the level below, and a contributor with no level cannot be', async () => {
    await withContributor(env, LADDER, async (run) => {
      expect(await refusal(leave(run, 'demote'))).toContain('holds no level');
      await toSenior(run);
      await leave(run, 'withdraw');
      const demoted = await leave(run, 'demote', 'inactive for a year');
      expect(demoted).toMatchObject({ level: null, state: 'onboarding' });
      expect(run.named('recordLevel').at(-1)).toMatchObject({ level: null, reason: 'inactive for a year' });
    });
  });

  test('when a contributor steps down, then they leave the ladder and nothing more can be changed', async () => {
    await withContributor(env, LADDER, async (run) => {
      await toSenior(run);
      expect(await leave(run, 'step-down', 'moving on')).toMatchObject({ state: 'left', level: null });
      await run.contributor.result();
    });
  });
});
