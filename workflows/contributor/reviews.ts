import { workflowInfo } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { levelBelow, upkeepOf } from '../../domain/upkeep';
import { now } from '../clock';
import type { UpdateHandling } from '../handlers';
import type { ContributorStatus, ReviewInput } from '../messages';
import { refuse } from '../refusal';
import { noticeToTeamLeader } from '../team-leader-notice';
import { auditContributor } from './contributor-audit';
import type { Duty } from './duty';
import type { ContributorContext, Standing } from './standing';

/**
 * The team leader looks again at a level held: periodically, when the
 * person's sponsor lost the ladder's trust, and once as a follow-up some time
 * after the level was entered. The review keeps, demotes or revokes.
 */
export function reviews(ctx: ContributorContext, changes: Standing) {
  const { status, contributorId } = ctx;
  const { workflowId } = workflowInfo();
  const flags: { sponsorId: string; reason: string }[] = [];

  const heldLevel = () => ctx.ladder().levels.find((l) => l.id === status.level);
  const levelName = () => heldLevel()?.name ?? 'member';
  const tellTeamLeader = (key: string, subject: string, text: string) =>
    noticeToTeamLeader(ctx.ladder(), {
      idempotencyKey: `${key}:notice`,
      contributorId,
      workflowId,
      subject,
      text,
      route: 'reviewer',
    });

  const askForReview = async (reason: string) => {
    status.review = { dueSince: now().toISOString(), reason };
    const key = `${changes.key('review-due')}:${status.review.dueSince}`;
    await auditContributor(contributorId, {
      key,
      actor: 'system',
      action: 'review.due',
      details: { reason, level: status.level },
    });
    await tellTeamLeader(
      key,
      `Review: ${ctx.name}'s access as ${levelName()}`,
      `${reason}: please review ${ctx.name}'s access as ${levelName()} in ${ctx.ladder().name}.\n\nRecord the outcome with POST /v1/contributors/${contributorId}/reviews: keep, demote or revoke, with a reason.\n`,
    );
  };

  const acts = {
    review: () => askForReview('The periodic review is due'),
    flagged: async () => {
      const flag = flags.shift()!;
      if (!status.review) await askForReview(`Sponsor ${flag.sponsorId} lost the ladder's trust (${flag.reason})`);
    },
    'follow-up': async () => {
      const followUp = heldLevel()!.followUp!;
      status.followedUp = status.levelSince!;
      const key = `${changes.key('follow-up')}:${status.levelSince}`;
      await auditContributor(contributorId, {
        key,
        actor: 'system',
        action: 'level.follow-up',
        details: { level: status.level, note: followUp.note },
      });
      await tellTeamLeader(
        key,
        `Follow up: ${ctx.name} as ${levelName()}`,
        `${ctx.name} entered ${levelName()} in ${ctx.ladder().name} ${followUp.after} ago.\n\n${followUp.note}\n`,
      );
    },
  };

  return {
    duties(): Duty[] {
      const duties: Duty[] = [];
      if (flags.length > 0) duties.push({ kind: 'flagged', at: 0, act: acts.flagged });
      if (status.level === null) return duties;
      const followUp = heldLevel()?.followUp;
      if (followUp && status.followedUp !== status.levelSince)
        duties.push({
          kind: 'follow-up',
          at: Date.parse(status.levelSince!) + durationMs(followUp.after),
          act: acts['follow-up'],
        });
      const { reviewEvery } = upkeepOf(ctx.ladder());
      if (reviewEvery && !status.review)
        duties.push({
          kind: 'review',
          at: Date.parse(status.lastReviewedAt ?? status.levelSince!) + durationMs(reviewEvery),
          act: acts.review,
        });
      return duties;
    },

    /** Someone this person relies on as sponsor was revoked (see Standing.flagSponsored). */
    flag: (flag: { sponsorId: string; reason: string }): void => {
      if (status.state !== 'left') flags.push(flag);
    },

    /** The team leader's review: keep, demote or revoke, with a reason. */
    review: {
      handle: (input: ReviewInput) =>
        changes.exclusive(async () => {
          const key = changes.key(`review-${input.decision}`);
          const actor = `team-leader:${input.by}`;
          await auditContributor(contributorId, {
            key,
            actor,
            action: 'review.done',
            details: { decision: input.decision, reason: input.reason, level: status.level, due: status.review },
          });
          status.lastReviewedAt = now().toISOString();
          status.review = undefined;
          if (input.decision === 'demote') {
            await changes.demote(key, actor, input.reason);
          } else if (input.decision === 'revoke') {
            await changes.leave(key, 'revoked', actor, input.reason);
            await changes.flagSponsored(key, input.reason);
          }
          return status;
        }),
      validate(input: ReviewInput) {
        if (status.state === 'left') refuse('this contributor has left the ladder');
        if (status.level === null) refuse('this contributor holds no level to review yet');
        if (changes.busy()) refuse('a change to this contributor is already being made');
        if (input.decision === 'demote' && levelBelow(ctx.ladder(), status.level) === null)
          refuse('this contributor is at the entry level: keep or revoke');
      },
    } satisfies UpdateHandling<ContributorStatus, [ReviewInput]>,
  };
}
