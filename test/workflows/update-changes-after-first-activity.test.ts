import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { setIdentitiesUpdate, signOfLifeUpdate, statusQuery, type ContributorStatus } from '../../workflows/messages';
import type { Call } from '../../tools/testkit/recording-activities';
import { eventually } from '../../tools/testkit/eventually';
import { LADDER, leader, withContributor, type Run } from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

/** Where, among the calls made since `from`, the first that matches is (-1 for none). */
const firstIndex = (calls: Call[], from: number, matches: (call: Call) => boolean) =>
  calls.slice(from).findIndex(matches);

const viewOf = (call: Call) => (call.name === 'projectView' ? (call.input.view as ContributorStatus) : undefined);

/**
 * An update accepted in a workflow task that then fails is dropped by the
 * server: whatever its handler changed before its first activity would have
 * been written to the view anyway, showing a change that never happened.
 * So these handlers make their first activity before they change anything.
 */
describe('an update that changes a contributor', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });
  const onLadder = (test: (run: Run) => Promise<void>) => withContributor(env, LADDER, test);
  // The view is written in the task that accepted the update: wait for it, so the change is the only thing left to show.
  const settled = (run: Run) =>
    eventually(
      async () => run.calls.filter((c) => c.name === 'projectView').length,
      (n) => n > 0,
    );

  test('when the team leader records a sign of life, then it is audited before any view shows it', async () => {
    await onLadder(async (run) => {
      await settled(run);
      const before = (await run.contributor.query(statusQuery)).lastActiveAt;
      const from = run.calls.length;
      const status = await run.contributor.executeUpdate(signOfLifeUpdate, { args: [{ by: 'tl', source: 'irc' }] });
      expect(status.lastActiveAt).not.toBe(before);

      const audited = firstIndex(
        run.calls,
        from,
        (c) => c.name === 'recordAudit' && c.input.action === 'contributor.alive',
      );
      const shown = firstIndex(run.calls, from, (c) => viewOf(c)?.lastActiveAt === status.lastActiveAt);
      expect(audited).toBeGreaterThanOrEqual(0);
      expect(shown).toBeGreaterThan(audited);
    });
  });

  test('when the team leader names an identity, then it is recorded before any view shows it', async () => {
    await onLadder(async (run) => {
      await settled(run);
      const from = run.calls.length;
      expect(
        await run.contributor.executeUpdate(setIdentitiesUpdate, {
          args: [{ identities: { otrs: 'santa-agent' }, by: leader.id }],
        }),
      ).toEqual({ otrs: 'santa-agent' });

      const recorded = firstIndex(run.calls, from, (c) => c.name === 'recordIdentities');
      const shown = firstIndex(run.calls, from, (c) => viewOf(c)?.identities?.otrs === 'santa-agent');
      expect(recorded).toBeGreaterThanOrEqual(0);
      expect(shown).toBeGreaterThan(recorded);
      expect(run.named('recordAudit').map((a) => a.action)).toContain('identities.set');
    });
  });
});
