import { condition } from '@temporalio/workflow';
import type { StepKind } from '../../domain/ladder';
import { quizForm } from '../../domain/quiz';
import { PEER_CHOICES } from '../../domain/peer-vote';
import type { UpdateHandling } from '../handlers';
import { STATEMENT_MAX, type CompleteStepInput, type CompleteStepResult, type StepPage } from '../messages';
import { refuse } from '../refusal';
import { challengeOf, challengeRefusal, takeChallenge } from './challenge';
import type { PromotionContext } from './context';

/** A step several people act on (sponsors vouching, peers voting): it keeps its own count. */
export interface SharedStep {
  refusal(input: CompleteStepInput): string | undefined;
  take(input: CompleteStepInput): Promise<void>;
}

const actorName = (input: CompleteStepInput, contributorId: string) =>
  input.actor.type === 'candidate' ? `candidate:${contributorId}` : `${input.actor.type}:${input.actor.id}`;

/**
 * Steps people complete: the candidate from a link (agreements, quizzes),
 * sponsors and peers from theirs, the team leader through the API (checks,
 * challenge results).
 */
export function handleStepUpdates(
  ctx: PromotionContext,
  settled: () => boolean,
  shared: Partial<Record<StepKind, SharedStep>>,
) {
  const inFlight = new Set<string>();

  /** `inFlight` too for the query; the view leaves it out, so an update under way does not rewrite the view twice (the validator still refuses it). */
  const pageOf = (stepId: string, countInFlight = true): StepPage | null => {
    const step = ctx.step(stepId);
    if (!step) return null;
    const quiz = step.kind === 'challenge' ? challengeOf(ctx, stepId).quiz : undefined;
    const document = ctx.definition(stepId).document;
    const form: StepPage['form'] = quiz
      ? { kind: 'quiz', quiz: quizForm(quiz) }
      : document
        ? { kind: 'agreement', document }
        : step.kind === 'peer-vote'
          ? { kind: 'vote', choices: PEER_CHOICES }
          : step.kind === 'recommendation'
            ? { kind: 'vouch' }
            : { kind: 'confirm' };
    return {
      title: step.title,
      ...(step.label ? { label: step.label } : {}),
      ladderName: ctx.input.ladder.name,
      levelName: ctx.level.name,
      open: ctx.status.state === 'open' && step.status === 'open' && !(countInFlight && inFlight.has(step.id)),
      form,
    };
  };
  const complete: UpdateHandling<CompleteStepResult, [CompleteStepInput]> = {
    async handle(input: CompleteStepInput) {
      const step = ctx.step(input.stepId)!;
      const many = shared[step.kind];
      // Claimed before the first await, so a second update for the same step
      // is refused by the validator instead of completing it twice. (Shared
      // steps take several people's answers; they guard themselves.)
      if (!many) inFlight.add(step.id);
      try {
        const actor = actorName(input, ctx.input.contributorId);
        const details = { linkId: input.linkId, note: input.note, result: input.result, consent: input.consent };
        if (many) await many.take(input);
        else if (step.kind === 'challenge') await takeChallenge(ctx, input, actor, details);
        else await ctx.settle(step.id, 'done', actor, details);
      } finally {
        inFlight.delete(step.id);
      }
      // Answer with the consequences applied: the caller sees whether the promotion is decided.
      await condition(settled);
      return { stepId: step.id, status: step.status, promotion: ctx.status.state, view: ctx.status };
    },
    validate(input: CompleteStepInput) {
      const step = ctx.step(input.stepId);
      if (!step) refuse(`step "${input.stepId}" is not part of this promotion to ${ctx.input.target}`);
      if (ctx.status.state !== 'open') refuse(`the promotion to ${ctx.input.target} is already ${ctx.status.state}`);
      if (step.status !== 'open' || inFlight.has(step.id))
        refuse(`step "${input.stepId}" is already ${step.status === 'open' ? 'being completed' : step.status}`);
      if (step.kind === 'challenge') {
        const why = challengeRefusal(ctx, input);
        if (why) refuse(why);
        return;
      }
      if (step.completedBy !== input.actor.type)
        refuse(`step "${input.stepId}" is completed by the ${step.completedBy}, not the ${input.actor.type}`);
      if (input.result || input.answers) refuse(`step "${input.stepId}" is not a challenge and takes no result`);
      if (step.kind !== 'peer-vote' && input.vote)
        refuse(`step "${input.stepId}" is not a peer vote and takes no vote`);
      const document = ctx.definition(step.id).document;
      if (document && input.actor.type === 'candidate') {
        const { consent } = input;
        if (!consent?.statement) refuse(`step "${input.stepId}" is signed with a consent to the document`);
        if (consent.document !== document.id || consent.version !== document.version)
          refuse(`the ${document.title} to sign is version ${document.version}; the page shown was out of date`);
      }
      if (input.statement !== undefined && input.statement.length > STATEMENT_MAX)
        refuse(`a statement is at most ${STATEMENT_MAX} characters`);
      if (input.statement !== undefined && step.kind !== 'recommendation' && step.kind !== 'peer-vote')
        refuse(`step "${input.stepId}" takes no statement`);
      const why = shared[step.kind]?.refusal(input);
      if (why) refuse(why);
    },
  };

  return {
    /** The page of a step's link, while the attempt runs. */
    page: (stepId: string) => pageOf(stepId),
    complete,
    /** The pages of the steps still open, for the API to read without a query (see view.ts). */
    openPages: () =>
      Object.fromEntries(
        ctx.status.steps.flatMap((s) => (s.status === 'open' ? [[s.id, pageOf(s.id, false)!] as const] : [])),
      ),
  };
}
