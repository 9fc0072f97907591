import type { ChallengeGate } from '../../domain/ladder';
import { gradeQuiz } from '../../domain/quiz';
import type { CompleteStepInput } from '../messages';
import type { PromotionContext } from './context';

/** The ladder's challenge behind a challenge step. */
export const challengeOf = (ctx: PromotionContext, stepId: string) =>
  ctx.input.ladder.challenges[(ctx.definition(stepId).gate as ChallengeGate).challenge]!;

/**
 * Why a challenge result cannot be taken as given, or undefined. The team
 * leader (or an external quiz system with its key) records passed or failed;
 * the candidate answers the built-in quiz, which the workflow grades.
 */
export function challengeRefusal(ctx: PromotionContext, input: CompleteStepInput): string | undefined {
  const hasQuiz = challengeOf(ctx, input.stepId).quiz !== undefined;
  if (input.actor.type === 'team-leader') {
    return input.result ? undefined : `step "${input.stepId}" is a challenge: give its result, passed or failed`;
  }
  if (input.actor.type !== 'candidate' || !hasQuiz)
    return `step "${input.stepId}" is recorded by the team leader, not the ${input.actor.type}`;
  if (input.result) return 'a candidate answers the quiz; the result is graded here';
  return input.answers ? undefined : `step "${input.stepId}" is a quiz: give the answers`;
}

/**
 * Passed, or one failed attempt more: the step fails once the attempts are
 * used up; before that, a candidate who took the quiz gets a fresh link.
 */
export async function takeChallenge(
  ctx: PromotionContext,
  input: CompleteStepInput,
  actor: string,
  details: Record<string, unknown>,
): Promise<void> {
  const step = ctx.step(input.stepId)!;
  const challenge = challengeOf(ctx, step.id);
  const graded =
    input.answers && challenge.quiz
      ? { ...gradeQuiz(challenge.quiz, input.answers), passMark: challenge.quiz.passMark, answers: input.answers }
      : undefined;
  const passed = graded ? graded.passed : input.result === 'passed';
  const outcome = {
    ...details,
    ...(graded && { correct: graded.correct, passMark: graded.passMark, answers: graded.answers }),
  };
  if (passed) {
    await ctx.settle(step.id, 'done', actor, outcome);
    return;
  }
  const failed = (step.failedAttempts ?? 0) + 1;
  step.failedAttempts = failed;
  if (failed >= challenge.attempts) {
    await ctx.settle(step.id, 'failed', actor, { ...outcome, failedAttempts: failed });
    return;
  }
  await ctx.audit(`step:${step.id}:attempt-${failed}`, 'challenge.attempt-failed', actor, {
    step: step.id,
    failedAttempts: failed,
    allowed: challenge.attempts,
    ...outcome,
  });
  if (graded) await ctx.mailCandidate('retake', `retake:${step.id}:${failed}`, [ctx.definition(step.id)]);
}
