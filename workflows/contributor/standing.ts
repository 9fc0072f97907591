import { condition, getExternalWorkflowHandle, workflowInfo, type CancellationScope } from '@temporalio/workflow';
import type { Ladder } from '../../domain/ladder';
import { levelBelow } from '../../domain/upkeep';
import { activities } from '../activities-proxy';
import { flagForReviewSignal, type ContributorState, type ContributorStatus, type LeftAs } from '../messages';
import { auditContributor } from './contributor-audit';
import { holdLevel } from './hold-level';

export interface ContributorContext {
  contributorId: string;
  name: string;
  /** The ladder as this contributor knows it now (a proposal can bring a newer one). */
  ladder: () => Ladder;
  status: ContributorStatus;
  /** The scope the running promotion attempt lives in, to cancel it. */
  promotionScope: () => CancellationScope | undefined;
}

/**
 * Changes to where a contributor stands, one at a time: the team leader's
 * revocations and reviews, and the ladder's own upkeep (inactivity, a lost
 * condition) never interleave.
 */
export function standing(ctx: ContributorContext) {
  const { status } = ctx;
  const { workflowId, firstExecutionRunId } = workflowInfo();
  let changing = false;

  return {
    /** A key prefix unique to this change, for audit rows and recorded levels. */
    key: (kind: string) =>
      `${workflowId}:${firstExecutionRunId}:${kind}:${status.history.length}:${status.promotion?.workflowId ?? 'none'}`,
    busy: () => changing,

    async exclusive<T>(change: () => Promise<T>): Promise<T> {
      // Claimed synchronously when free, so a validator right after sees it busy.
      while (changing) await condition(() => !changing);
      changing = true;
      try {
        return await change();
      } finally {
        changing = false;
      }
    },

    /** Ends the promotion under way (as withdrawn) and waits until it has. */
    async withdrawPromotion(): Promise<void> {
      if (status.promotion?.state !== 'open') return;
      ctx.promotionScope()?.cancel();
      await condition(() => status.promotion?.state !== 'open');
    },

    /** Holds `level` from now on (null: none), recorded in the projection with who and why. */
    async moveTo(
      key: string,
      level: string | null,
      state: ContributorState,
      actor: string,
      reason: string,
    ): Promise<void> {
      await this.withdrawPromotion();
      await activities.recordLevel({
        idempotencyKey: `${key}:level`,
        contributorId: ctx.contributorId,
        workflowId,
        level,
        actor,
        reason,
      });
      holdLevel(status, level);
      status.state = state;
    },

    /** Leaves the ladder: access goes with the level; an emeritus keeps the level they held, to return to. */
    async leave(key: string, as: LeftAs, actor: string, reason: string): Promise<void> {
      await this.withdrawPromotion();
      const formerLevel = status.level;
      await activities.recordLevel({
        idempotencyKey: `${key}:level`,
        contributorId: ctx.contributorId,
        workflowId,
        level: null,
        actor,
        reason,
        departure: { as, formerLevel },
      });
      holdLevel(status, null);
      status.state = 'left';
      status.leftAs = as;
      if (as === 'emeritus' && formerLevel) status.formerLevel = formerLevel;
    },

    /** One level down (from the entry level: holding none, still on the ladder). */
    async demote(key: string, actor: string, reason: string): Promise<void> {
      const level = levelBelow(ctx.ladder(), status.level!);
      await this.moveTo(key, level, stateFor(level), actor, reason);
    },

    /** Trust broken: everyone this person vouched for is put up for review. */
    async flagSponsored(key: string, reason: string): Promise<void> {
      const sponsored = await activities.sponsoredBy({ sponsorId: ctx.contributorId });
      await auditContributor(ctx.contributorId, {
        key: `${key}:flagged`,
        actor: 'system',
        action: 'sponsor.revoked',
        details: { flagged: sponsored.map((s) => s.contributorId) },
      });
      for (const person of sponsored) {
        try {
          await getExternalWorkflowHandle(person.workflowId).signal(flagForReviewSignal, {
            sponsorId: ctx.contributorId,
            reason,
          });
        } catch {
          // They have left the ladder already: nothing to review.
        }
      }
    },
  };
}

export type Standing = ReturnType<typeof standing>;

/** The state that goes with holding `level` (or none) while still on the ladder. */
export const stateFor = (level: string | null): ContributorState => (level === null ? 'onboarding' : 'active');
