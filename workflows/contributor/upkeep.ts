import { CancellationScope, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { heldConditions, levelBelow, upkeepOf } from '../../domain/upkeep';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import {
  completeStepUpdate,
  flagForReviewSignal,
  reviewUpdate,
  signOfLifeUpdate,
  stepPageQuery,
  type CompleteStepInput,
  type ReviewInput,
  type SignOfLifeInput,
} from '../messages';
import { hasPatch } from '../patches';
import { refuse } from '../refusal';
import { stateFor, type ContributorContext, type Standing } from './standing';

/** The step of the aliveness link: the contributor confirms they are still there. */
export const ALIVE_STEP = 'alive';
const ALIVE_TITLE = 'Confirm you are still active';

type UpkeepKind = 'recheck' | 'ping' | 'warn' | 'remove' | 'review' | 'flagged' | 'follow-up';

/**
 * Keeping trust current while a level is held: the conditions of the levels
 * held are checked again (one that no longer holds drops the contributor
 * below the level that asked for it); without a sign of life, a ping, a
 * warning, then removal; a periodic review by the team leader. All timers are
 * durable; each step is audited.
 */
export function handleUpkeep(
  ctx: ContributorContext,
  changes: Standing,
): { run: () => Promise<void>; signOfLife: () => void } {
  const { status, contributorId } = ctx;
  const { workflowId } = workflowInfo();
  let lastRecheck = now().getTime();
  const flags: { sponsorId: string; reason: string }[] = [];

  const signOfLife = (at = now().toISOString()) => {
    status.lastActiveAt = at;
    status.inactivity = undefined;
  };
  const audit = (key: string, actor: string, action: string, details: Record<string, unknown>) =>
    activities.recordAudit({ idempotencyKey: key, actor, action, contributorId, workflowId, details });
  /**
   * A sign of life given by an update: audited before anything changes, so
   * an update whose first workflow task fails (and is dropped) leaves nothing
   * for the view to show. Runs begun before the patch changed first.
   */
  const aliveBy = async (actor: string, details: Record<string, unknown>, linkId?: string) => {
    const at = now().toISOString();
    const auditFirst = hasPatch('update-changes-after-first-activity');
    if (!auditFirst) signOfLife(at);
    await audit(`${workflowId}:alive:${linkId ?? at}`, actor, 'contributor.alive', details);
    if (auditFirst) signOfLife(at);
  };
  const heldLevel = () => ctx.ladder().levels.find((l) => l.id === status.level);
  const levelName = () => heldLevel()?.name ?? 'member';

  const mailAliveLink = (template: 'ping' | 'warning') =>
    activities.sendStepLinks({
      idempotencyKey: `${changes.key(template)}:${status.lastActiveAt ?? status.levelSince}`,
      template,
      contributorId,
      workflowId,
      ladderName: ctx.ladder().name,
      levelName: levelName(),
      steps: [{ id: ALIVE_STEP, title: ALIVE_TITLE }],
    });

  const tellTeamLeader = async (key: string, subject: string, text: string) => {
    const to = ctx.ladder().contacts?.teamLeader;
    if (to)
      await activities.sendNotice({ idempotencyKey: `${key}:notice`, contributorId, workflowId, to, subject, text });
  };

  const askForReview = async (reason: string) => {
    status.review = { dueSince: now().toISOString(), reason };
    const key = `${changes.key('review-due')}:${status.review.dueSince}`;
    await audit(key, 'system', 'review.due', { reason, level: status.level });
    await tellTeamLeader(
      key,
      `Review: ${ctx.name}'s access as ${levelName()}`,
      `${reason}: please review ${ctx.name}'s access as ${levelName()} in ${ctx.ladder().name}.\n\nRecord the outcome with POST /v1/contributors/${contributorId}/reviews: keep, demote or revoke, with a reason.\n`,
    );
  };

  const acts: Record<UpkeepKind, () => Promise<void>> = {
    async recheck() {
      lastRecheck = now().getTime();
      for (const { level, condition: held } of heldConditions(ctx.ladder(), status.level)) {
        const answer = await activities.checkCondition({ contributorId, condition: held });
        // Unknown (no fact service) keeps the level: only a fact that fails takes it away.
        if (answer.holds !== false) continue;
        const to = levelBelow(ctx.ladder(), level);
        const key = changes.key(`condition-lost-${held.id}`);
        await audit(key, 'system', 'condition.lost', {
          condition: held.id,
          detail: answer.detail,
          from: status.level,
          to,
        });
        await changes.moveTo(key, to, to === null ? 'left' : stateFor(to), 'system', `no longer met: ${held.title}`);
        return;
      }
    },
    async ping() {
      await mailAliveLink('ping');
      status.inactivity = { pingedAt: now().toISOString() };
    },
    async warn() {
      await mailAliveLink('warning');
      status.inactivity = { ...status.inactivity, warnedAt: now().toISOString() };
    },
    async remove() {
      const after = upkeepOf(ctx.ladder()).inactivity!.removeAfter;
      const key = changes.key('inactive');
      await audit(key, 'system', 'contributor.inactive', {
        level: status.level,
        lastActiveAt: status.lastActiveAt,
        after,
      });
      await changes.moveTo(key, null, 'left', 'system', `no sign of life for ${after}`);
    },
    review: () => askForReview('The periodic review is due'),
    async 'follow-up'() {
      const followUp = heldLevel()!.followUp!;
      status.followedUp = status.levelSince!;
      const key = `${changes.key('follow-up')}:${status.levelSince}`;
      await audit(key, 'system', 'level.follow-up', { level: status.level, note: followUp.note });
      await tellTeamLeader(
        key,
        `Follow up: ${ctx.name} as ${levelName()}`,
        `${ctx.name} entered ${levelName()} in ${ctx.ladder().name} ${followUp.after} ago.\n\n${followUp.note}\n`,
      );
    },
    async flagged() {
      const flag = flags.shift()!;
      if (!status.review) await askForReview(`Sponsor ${flag.sponsorId} lost the ladder's trust (${flag.reason})`);
    },
  };

  /** What falls due next, and when; only what applies to where the contributor stands now. */
  const due = (): { kind: UpkeepKind; at: number }[] => {
    if (status.state === 'left') return [];
    const upkeep = upkeepOf(ctx.ladder());
    const events: { kind: UpkeepKind; at: number }[] = [];
    if (flags.length > 0) events.push({ kind: 'flagged', at: 0 });
    if (heldConditions(ctx.ladder(), status.level).length > 0)
      events.push({ kind: 'recheck', at: lastRecheck + durationMs(upkeep.recheckEvery) });
    if (status.level === null) return events;
    // Someone in a promotion is visibly active; its own deadlines cover a stall.
    if (upkeep.inactivity && status.state === 'active') {
      const base = Date.parse(status.lastActiveAt ?? status.levelSince!);
      const { pingAfter, warnAfter, removeAfter } = upkeep.inactivity;
      const [stage, after]: [UpkeepKind, string] = !status.inactivity?.pingedAt
        ? ['ping', pingAfter]
        : !status.inactivity.warnedAt
          ? ['warn', warnAfter]
          : ['remove', removeAfter];
      events.push({ kind: stage, at: base + durationMs(after) });
    }
    const followUp = heldLevel()?.followUp;
    if (followUp && status.followedUp !== status.levelSince)
      events.push({ kind: 'follow-up', at: Date.parse(status.levelSince!) + durationMs(followUp.after) });
    if (upkeep.reviewEvery && !status.review)
      events.push({
        kind: 'review',
        at: Date.parse(status.lastReviewedAt ?? status.levelSince!) + durationMs(upkeep.reviewEvery),
      });
    return events.sort((a, b) => a.at - b.at);
  };
  // Anything that changes what is due wakes the loop to work it out again
  // (a proposal can bring a ladder file with other upkeep times).
  const fingerprint = () =>
    JSON.stringify([
      status.state,
      status.level,
      status.levelSince,
      status.lastActiveAt,
      status.inactivity,
      status.lastReviewedAt,
      status.review,
      status.followedUp,
      flags.length,
    ]);

  setHandler(flagForReviewSignal, (flag) => {
    if (status.state !== 'left') flags.push(flag);
  });

  setHandler(stepPageQuery, (stepId: string) =>
    stepId === ALIVE_STEP
      ? {
          title: ALIVE_TITLE,
          open: status.state !== 'left' && status.inactivity?.pingedAt !== undefined,
          form: { kind: 'confirm' as const },
        }
      : null,
  );
  setHandler(
    completeStepUpdate,
    async (input: CompleteStepInput) => {
      await aliveBy(`candidate:${contributorId}`, { source: 'link', linkId: input.linkId }, input.linkId);
      return { stepId: ALIVE_STEP, status: 'done' as const, promotion: status.promotion?.state ?? 'open' };
    },
    {
      validator(input: CompleteStepInput) {
        if (input.stepId !== ALIVE_STEP || input.actor.type !== 'candidate')
          refuse(`step "${input.stepId}" is not one this contributor completes here`);
        if (status.state === 'left') refuse('this contributor has left the ladder');
        if (!status.inactivity?.pingedAt) refuse('no sign of life is being asked for');
      },
    },
  );
  setHandler(
    signOfLifeUpdate,
    async (input: SignOfLifeInput) => {
      await aliveBy(`team-leader:${input.by}`, { source: input.source });
      return status;
    },
    {
      validator(_input: SignOfLifeInput) {
        if (status.state === 'left') refuse('this contributor has left the ladder');
      },
    },
  );
  setHandler(
    reviewUpdate,
    (input: ReviewInput) =>
      changes.exclusive(async () => {
        const key = changes.key(`review-${input.decision}`);
        const actor = `team-leader:${input.by}`;
        await audit(key, actor, 'review.done', {
          decision: input.decision,
          reason: input.reason,
          level: status.level,
          due: status.review,
        });
        status.lastReviewedAt = now().toISOString();
        status.review = undefined;
        if (input.decision === 'demote') {
          await changes.demote(key, actor, input.reason);
        } else if (input.decision === 'revoke') {
          await changes.moveTo(key, null, 'left', actor, input.reason);
          await changes.flagSponsored(key, input.reason);
        }
        return status;
      }),
    {
      validator(input: ReviewInput) {
        if (status.state === 'left') refuse('this contributor has left the ladder');
        if (status.level === null) refuse('this contributor holds no level to review yet');
        if (changes.busy()) refuse('a change to this contributor is already being made');
        if (input.decision === 'demote' && levelBelow(ctx.ladder(), status.level) === null)
          refuse('this contributor is at the entry level: keep or revoke');
      },
    },
  );

  return {
    signOfLife,
    async run() {
      while (status.state !== 'left') {
        const next = due()[0];
        const before = fingerprint();
        const ladder = ctx.ladder();
        const changed = () => fingerprint() !== before || ctx.ladder() !== ladder;
        const wait = next ? next.at - now().getTime() : undefined;
        if (wait === undefined) {
          await condition(changed);
          continue;
        }
        if (wait > 0 && (await condition(changed, wait))) continue;
        // Once begun, an upkeep step finishes even when the loop is being stopped for continue-as-new.
        await CancellationScope.nonCancellable(() =>
          changes.exclusive(async () => {
            const still = due().find((e) => e.kind === next!.kind && e.at <= now().getTime());
            if (still) await acts[still.kind]();
          }),
        );
      }
    },
  };
}
