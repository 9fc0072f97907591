import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parseLadder } from '../../platform/ladder-file';
import { contributorWorkflow } from '../../workflows/contributor-workflow';
import {
  completeStepUpdate,
  leaveUpdate,
  onboardingStartedUpdate,
  reviewUpdate,
  statusQuery,
} from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { candidate, leader, refusal, withContributor as runWith, type Run } from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

const ladder = (upkeep: string) => `
id: upkeep-ladder
name: Upkeep Ladder
contacts: { teamLeader: leader@example.org }
upkeep: ${upkeep}
levels:
  - id: member
    name: Member
    requires:
      all:
        - check: known
          title: Known to the team
`;

/** Keeping trust current, on the time-skipping server: signs of life, reviews, sponsors who lose trust. */
describe('upkeep of a level held', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });
  const withContributor = (yaml: string, test: (run: Run) => Promise<void>, answers?: Parameters<typeof runWith>[3]) =>
    runWith(env, yaml, test, answers);
  const toMember = async (run: Run) => {
    await run.step((await run.contributor.query(statusQuery)).promotion!.workflowId, {
      stepId: 'check:known',
      actor: leader,
    });
    return eventually(
      () => run.contributor.query(statusQuery),
      (s) => s.level === 'member',
    );
  };

  test('when a member gives no sign of life, then they are pinged, an answer resets the clock, and after a ping, a warning and the full time they are removed', async () => {
    await withContributor(
      ladder('{ inactivity: { pingAfter: 10d, warnAfter: 20d, removeAfter: 30d }, reviewEvery: null }'),
      async (run) => {
        await toMember(run);
        await env.sleep('11 days');
        const pinged = await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.inactivity?.pingedAt !== undefined,
        );
        expect(run.named('sendStepLinks').at(-1)).toMatchObject({
          template: 'ping',
          steps: [{ id: 'alive' }, { id: 'step-down' }],
        });
        expect(pinged.state).toBe('active');

        expect(
          await run.contributor.executeUpdate(completeStepUpdate, {
            args: [{ stepId: 'alive', actor: candidate, linkId: 'l9' }],
          }),
        ).toMatchObject({ status: 'done' });
        const alive = await run.contributor.query(statusQuery);
        expect(alive.inactivity).toBeUndefined();
        expect(
          await refusal(
            run.contributor.executeUpdate(completeStepUpdate, { args: [{ stepId: 'alive', actor: candidate }] }),
          ),
        ).toBe('no sign of life is being asked for');

        await env.sleep('31 days');
        const removed = await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.state === 'left',
        );
        expect(removed).toMatchObject({ level: null, state: 'left', leftAs: 'inactive' });
        expect(removed.formerLevel).toBeUndefined();
        // The entry level has no candidate step, so no welcome mail: only the aliveness links.
        expect(run.named('sendStepLinks').map((m) => m.template)).toEqual(['ping', 'ping', 'warning']);
        expect(run.named('recordLevel').at(-1)).toMatchObject({
          level: null,
          actor: 'system',
          reason: 'no sign of life for 30d',
          departure: { as: 'inactive', formerLevel: 'member' },
        });
        expect(run.named('recordAudit').map((a) => a.action)).toEqual(
          expect.arrayContaining(['contributor.alive', 'contributor.inactive']),
        );
      },
    );
  });

  test('when a pinged member follows the step-down link, then they leave as emeritus with their former level, and the link cannot be used again', async () => {
    await withContributor(
      ladder('{ inactivity: { pingAfter: 10d, warnAfter: 20d, removeAfter: 30d }, reviewEvery: null }'),
      async (run) => {
        await toMember(run);
        await env.sleep('11 days');
        await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.inactivity?.pingedAt !== undefined,
        );
        expect(
          await run.contributor.executeUpdate(completeStepUpdate, {
            args: [{ stepId: 'step-down', actor: candidate, linkId: 'l7' }],
          }),
        ).toMatchObject({ stepId: 'step-down', status: 'done' });
        const left = await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.state === 'left',
        );
        expect(left).toMatchObject({ level: null, leftAs: 'emeritus', formerLevel: 'member' });
        expect(run.named('recordLevel').at(-1)).toMatchObject({
          level: null,
          actor: 'candidate:santa',
          departure: { as: 'emeritus', formerLevel: 'member' },
        });
        expect(run.named('recordAudit').find((a) => a.action === 'contributor.step-down')).toMatchObject({
          linkId: 'l7',
          details: { level: 'member', source: 'link' },
        });
      },
    );
  });

  test('when the periodic review falls due, then the team leader is asked, and a review that keeps the member starts the next period', async () => {
    await withContributor(ladder('{ inactivity: null, reviewEvery: 30d }'), async (run) => {
      await toMember(run);
      await env.sleep('31 days');
      const due = await eventually(
        () => run.contributor.query(statusQuery),
        (s) => s.review !== undefined,
      );
      expect(due.review).toMatchObject({ reason: 'The periodic review is due' });
      expect(run.named('sendNotice').at(-1)).toMatchObject({
        to: 'leader@example.org',
        subject: "Review: Santa Claus's access as Member",
      });

      const demote = run.contributor.executeUpdate(reviewUpdate, {
        args: [{ decision: 'demote', by: 'tl', reason: 'too soon' }],
      });
      expect(await refusal(demote)).toBe('this contributor is at the entry level: keep or revoke');
      const kept = await run.contributor.executeUpdate(reviewUpdate, {
        args: [{ decision: 'keep', by: 'tl', reason: 'still handles tickets weekly' }],
      });
      expect(kept).toMatchObject({ level: 'member', state: 'active' });
      expect(kept.review).toBeUndefined();
      expect(kept.lastReviewedAt).toBeDefined();
      expect(run.named('recordAudit').find((a) => a.action === 'review.done')).toMatchObject({
        actor: 'team-leader:tl',
        details: { decision: 'keep', reason: 'still handles tickets weekly' },
      });
    });
  });

  test('when a sponsor is revoked, then everyone they vouched for is put up for review', async () => {
    const yaml = ladder('{ inactivity: null, reviewEvery: null }');
    const sponsoredId = `contributor-sponsored-${Date.now()}`;
    await withContributor(
      yaml,
      async (run) => {
        const { taskQueue } = await run.contributor.describe();
        const sponsored = await env.client.workflow.start(contributorWorkflow, {
          taskQueue,
          workflowId: sponsoredId,
          args: [
            {
              contributorId: 'elf',
              ladder: parseLadder(yaml, 'test.yaml'),
              name: 'Elf',
              email: 'elf@example.org',
              startedBy: 'tl',
            },
          ],
        });
        await sponsored.executeUpdate(onboardingStartedUpdate);
        await toMember(run);
        await run.contributor.executeUpdate(leaveUpdate, {
          args: [{ kind: 'revoke', by: 'tl', reason: 'shared a private key' }],
        });
        const flagged = await eventually(
          () => sponsored.query(statusQuery),
          (s) => s.review !== undefined,
        );
        expect(flagged.review!.reason).toBe("Sponsor santa lost the ladder's trust (shared a private key)");
        expect(run.named('recordAudit').find((a) => a.action === 'sponsor.revoked')).toMatchObject({
          contributorId: 'santa',
          details: { flagged: ['elf'] },
        });
        await sponsored.terminate();
      },
      { sponsoredBy: () => [{ contributorId: 'elf', workflowId: sponsoredId }] },
    );
  });
});
