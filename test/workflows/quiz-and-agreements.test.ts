import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parseLadder } from '../../platform/ladder-file';
import { promotionStatusQuery, proposePromotionUpdate, statusQuery, stepPageQuery } from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import {
  candidate,
  LADDER,
  leader,
  refusal,
  withContributor as runWith,
  type Run,
  signsCCA,
} from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

const QUIZ_LADDER = `
id: quiz-ladder
name: Quiz Ladder
challenges:
  Intro:
    title: the introduction
    attempts: 2
    quiz:
      passMark: 2
      questions:
        - { id: q1, text: "Who may vote on their own case?", choices: ["Nobody", "The candidate"], answer: "Nobody" }
        - { id: q2, text: "What does a block do?", choices: ["Refuses on its own", "Counts as abstain"], answer: "Refuses on its own" }
levels:
  - id: member
    name: Member
    requires:
      all:
        - challenge: Intro
`;

/** The built-in quiz graded by the workflow, and agreements signed by edition. */
describe('quizzes and agreements', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });
  const withContributor = (yaml: string, test: (run: Run) => Promise<void>) => runWith(env, yaml, test);
  const entryOf = async (run: Run) => (await run.contributor.query(statusQuery)).promotion!.workflowId;

  test('when the candidate answers the quiz below the pass mark, then a fresh link is mailed, and a second, right answer passes the challenge', async () => {
    await withContributor(QUIZ_LADDER, async (run) => {
      const entry = await entryOf(run);
      // The welcome mail goes out as the attempt starts, a moment after it is shown.
      const [welcome] = await eventually(
        async () => run.named('sendStepLinks'),
        (mails) => mails.length > 0,
      );
      expect(welcome).toMatchObject({ template: 'welcome', steps: [{ id: 'challenge:Intro' }] });
      const page = await run.promotion(entry).query(stepPageQuery, 'challenge:Intro');
      expect(page).toMatchObject({ open: true, form: { kind: 'quiz', quiz: { passMark: 2 } } });
      expect(JSON.stringify(page)).not.toContain('answer');

      expect(
        await run.step(entry, { stepId: 'challenge:Intro', actor: candidate, answers: { q1: 0, q2: 1 } }),
      ).toMatchObject({ status: 'open', promotion: 'open' });
      expect(run.named('sendStepLinks')[1]).toMatchObject({ template: 'retake', steps: [{ id: 'challenge:Intro' }] });
      expect(
        await run.step(entry, { stepId: 'challenge:Intro', actor: candidate, answers: { q1: 0, q2: 0 } }),
      ).toMatchObject({ status: 'done', promotion: 'passed' });

      const passed = run.named('recordAudit').find((a) => a.action === 'step.completed');
      expect(passed).toMatchObject({
        actor: 'candidate:santa',
        details: { correct: 2, passMark: 2, answers: { q1: 0, q2: 0 } },
      });
      expect(
        await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.level === 'member',
        ),
      ).toMatchObject({ credentials: { challenges: ['Intro'] } });
    });
  });

  test('when the quiz is failed as often as allowed, or answered the wrong way, then the challenge fails or the answer is refused', async () => {
    await withContributor(QUIZ_LADDER, async (run) => {
      const entry = await entryOf(run);
      expect(await refusal(run.step(entry, { stepId: 'challenge:Intro', actor: candidate, result: 'passed' }))).toBe(
        'a candidate answers the quiz; the result is graded here',
      );
      expect(await refusal(run.step(entry, { stepId: 'challenge:Intro', actor: candidate }))).toBe(
        'step "challenge:Intro" is a quiz: give the answers',
      );
      await run.step(entry, { stepId: 'challenge:Intro', actor: candidate, answers: { q1: 1 } });
      expect(await run.step(entry, { stepId: 'challenge:Intro', actor: candidate, answers: {} })).toMatchObject({
        status: 'failed',
        promotion: 'failed',
      });
      expect(run.named('sendStepLinks').filter((m) => m.template === 'retake')).toHaveLength(1);
    });
  });

  test('when an agreement is completed without the consent its page asks for, or for another version, then it is refused and nothing is audited; with it, the audit row keeps the consent', async () => {
    await withContributor(LADDER, async (run) => {
      const entry = await entryOf(run);
      const audits = run.named('recordAudit').length;
      expect(await refusal(run.step(entry, { stepId: 'agreement:CCA', actor: candidate }))).toBe(
        'step "agreement:CCA" is signed with a consent to the document',
      );
      const stale = { ...signsCCA.consent!, version: '0' };
      expect(await refusal(run.step(entry, { ...signsCCA, consent: stale }))).toBe(
        'the Community Agreement to sign is version 1; the page shown was out of date',
      );
      expect(run.named('recordAudit')).toHaveLength(audits);
      await run.step(entry, { ...signsCCA, linkId: 'l1' });
      expect(
        run.named('recordAudit').find((a) => (a.details as { consent?: unknown } | undefined)?.consent),
      ).toMatchObject({
        action: 'step.completed',
        linkId: 'l1',
        details: { consent: signsCCA.consent },
      });
    });
  });

  test('when the ladder file brings a new version of a signed agreement, then the next promotion asks to sign it again, unless the file says the new version needs no signature', async () => {
    const toSeniorWith = async (run: Run, yaml: string) => {
      const entry = await entryOf(run);
      await run.step(entry, signsCCA);
      await run.step(entry, { stepId: 'check:known', actor: leader });
      await eventually(
        () => run.contributor.query(statusQuery),
        (s) => s.level === 'member',
      );
      const { workflowId } = await run.contributor.executeUpdate(proposePromotionUpdate, {
        args: [{ proposedBy: 'tl', ladder: parseLadder(yaml, 'new.yaml') }],
      });
      return (await run.promotion(workflowId).query(promotionStatusQuery)).steps.find((s) => s.id === 'agreement:CCA')!;
    };
    const version2 = LADDER.replace('version: "1"', 'version: "2"');
    await withContributor(LADDER, async (run) => {
      expect(await toSeniorWith(run, version2)).toMatchObject({ status: 'open' });
    });
    await withContributor(LADDER, async (run) => {
      expect(
        await toSeniorWith(
          run,
          version2.replace('url: https://example.org/cca', 'url: https://example.org/cca, resignOnNewVersion: false'),
        ),
      ).toMatchObject({ status: 'done', completedByActor: 'carried' });
    });
    await withContributor(LADDER, async (run) => {
      expect(await refusal(toSeniorWith(run, LADDER.replace('id: member', 'id: associate')))).toBe(
        'the Test Ladder ladder file no longer has the level member: fix the file before proposing',
      );
    });
  });
});
