import { levelIndex, type RecommendationGate } from '../../domain/ladder';
import { activities } from '../activities-proxy';
import type { UpdateHandling } from '../handlers';
import type { CompleteStepInput, NominateSponsorInput } from '../messages';
import { refuse } from '../refusal';
import type { PromotionContext } from './context';
import type { SharedStep } from './step-updates';

/**
 * The recommendation gate: the team leader names sponsors at or above a
 * level; each is mailed a link and vouches from it; the step is done once
 * enough have. A sponsor answers for the candidate (recorded in sponsorships).
 */
export function handleSponsors(ctx: PromotionContext) {
  const gate = ctx.definition('recommendation').gate as RecommendationGate;
  const { sponsors: needed, atLevel } = gate.recommendation;
  const nominated = new Map<string, string>();
  const vouched = new Set<string>();
  const ladder = ctx.input.ladder;

  const nominate: UpdateHandling<{ sponsorId: string; name: string }, [NominateSponsorInput]> = {
    handle: async (input: NominateSponsorInput) => {
      const standing = await activities.sponsorStanding({ sponsorId: input.sponsorId, ladderId: ladder.id });
      if (!standing || levelIndex(ladder, standing.level) < levelIndex(ladder, atLevel)) {
        refuse(`a sponsor must be on the ${ladder.name} ladder at ${atLevel} or above`);
      }
      if (nominated.has(input.sponsorId)) refuse('this sponsor is already named');
      nominated.set(input.sponsorId, standing.name);
      await ctx.audit(`sponsor:nominated:${input.sponsorId}`, 'sponsor.nominated', `team-leader:${input.by}`, {
        sponsor: input.sponsorId,
      });
      await activities.sendSponsorLink({
        idempotencyKey: `${ctx.eventKey}:sponsor:${input.sponsorId}`,
        sponsorId: input.sponsorId,
        candidateId: ctx.input.contributorId,
        candidateName: ctx.input.name,
        workflowId: ctx.workflowId,
        ladderName: ladder.name,
        levelName: ctx.level.name,
      });
      return { sponsorId: input.sponsorId, name: standing.name };
    },
    validate(input: NominateSponsorInput) {
      if (ctx.status.state !== 'open' || ctx.step('recommendation')!.status !== 'open')
        refuse('the recommendation step is not open');
      if (input.sponsorId === ctx.input.contributorId) refuse('nobody sponsors themselves');
      if (nominated.has(input.sponsorId)) refuse('this sponsor is already named');
    },
  };

  const step: SharedStep = {
    refusal(input: CompleteStepInput) {
      if (!nominated.has(input.actor.id)) return 'this sponsor was not named for this promotion';
      if (vouched.has(input.actor.id)) return 'this sponsor has already vouched';
      return undefined;
    },
    async take(input: CompleteStepInput) {
      vouched.add(input.actor.id);
      const row = [
        `sponsor:vouched:${input.actor.id}`,
        'sponsor.vouched',
        `sponsor:${input.actor.id}`,
        { level: ctx.level.id, note: input.note, statement: input.statement, linkId: input.linkId },
      ] as const;
      await ctx.writeWithAudit(row, (audit) =>
        activities.recordSponsorship({
          sponsorId: input.actor.id,
          candidateId: ctx.input.contributorId,
          ladderId: ladder.id,
          level: ctx.level.id,
          workflowId: ctx.workflowId,
          statement: input.statement,
          audit,
        }),
      );
      ctx.addStatement('sponsor', input);
      if (vouched.size >= needed)
        await ctx.settle('recommendation', 'done', `sponsor:${input.actor.id}`, { sponsors: [...vouched] });
    },
  };
  return { step, nominate };
}
