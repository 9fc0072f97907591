import { condition, setHandler } from '@temporalio/workflow';
import { completeStepUpdate, type CompleteStepInput } from '../messages';
import { refuse } from '../refusal';
import type { PromotionContext } from './context';
import { handleSponsors } from './sponsors';

const actorName = (input: CompleteStepInput, contributorId: string) =>
  input.actor.type === 'candidate' ? `candidate:${contributorId}` : `${input.actor.type}:${input.actor.id}`;

/**
 * Steps a person completes: the candidate from a link (agreements), the team
 * leader through the API (checks, challenge results).
 */
export function handleStepUpdates(ctx: PromotionContext, settled: () => boolean): void {
  const inFlight = new Set<string>();
  const sponsors = ctx.definitions.some((d) => d.kind === 'recommendation') ? handleSponsors(ctx) : undefined;

  setHandler(
    completeStepUpdate,
    async (input) => {
      const step = ctx.step(input.stepId)!;
      // Claimed before the first await, so a second update for the same step
      // is refused by the validator instead of completing it twice. (Sponsors
      // vouch for one step side by side; their own set guards them.)
      if (step.kind !== 'recommendation') inFlight.add(step.id);
      try {
        const actor = actorName(input, ctx.input.contributorId);
        const details = { linkId: input.linkId, note: input.note, result: input.result };
        if (step.kind === 'recommendation') {
          await sponsors!.vouch(input);
        } else if (step.kind === 'challenge' && input.result === 'failed') {
          const failed = (step.failedAttempts ?? 0) + 1;
          const allowed = ctx.input.ladder.challenges[step.id.slice('challenge:'.length)]!.attempts;
          if (failed >= allowed) {
            await ctx.settle(step.id, 'failed', actor, { ...details, failedAttempts: failed });
          } else {
            await ctx.audit(`step:${step.id}:attempt-${failed}`, 'challenge.attempt-failed', actor, { step: step.id, failedAttempts: failed, allowed });
          }
          step.failedAttempts = failed;
        } else {
          await ctx.settle(step.id, 'done', actor, details);
        }
      } finally {
        inFlight.delete(step.id);
      }
      // Answer with the consequences applied: the caller sees whether the promotion is decided.
      await condition(settled);
      return { stepId: step.id, status: step.status, promotion: ctx.status.state };
    },
    {
      validator(input: CompleteStepInput) {
        const step = ctx.step(input.stepId);
        if (!step) refuse(`step "${input.stepId}" is not part of this promotion to ${ctx.input.target}`);
        if (ctx.status.state !== 'open') refuse(`the promotion to ${ctx.input.target} is already ${ctx.status.state}`);
        if (step.status !== 'open' || inFlight.has(step.id)) refuse(`step "${input.stepId}" is already ${step.status === 'open' ? 'being completed' : step.status}`);
        if (step.completedBy !== input.actor.type) refuse(`step "${input.stepId}" is completed by the ${step.completedBy}, not the ${input.actor.type}`);
        if (step.kind === 'challenge' && !input.result) refuse(`step "${input.stepId}" is a challenge: give its result, passed or failed`);
        if (step.kind !== 'challenge' && input.result) refuse(`step "${input.stepId}" is not a challenge and takes no result`);
        const sponsorRefusal = step.kind === 'recommendation' ? sponsors!.refusal(input) : undefined;
        if (sponsorRefusal) refuse(sponsorRefusal);
      },
    },
  );
}
