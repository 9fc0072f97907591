import { condition, setHandler, workflowInfo, type CancellationScope } from '@temporalio/workflow';
import { levelIndex, type Ladder } from '../../domain/ladder';
import { activities } from '../activities-proxy';
import { holdLevel } from './hold-level';
import { leaveUpdate, type ContributorStatus, type LeaveInput } from '../messages';
import { refuse } from '../refusal';

export interface LeavingContext {
  contributorId: string;
  ladder: Ladder;
  status: ContributorStatus;
  /** The scope the running promotion attempt lives in, to cancel it. */
  promotionScope: () => CancellationScope | undefined;
}

/**
 * Withdraw, demote, step down, revoke: each by the team leader, with a
 * reason, audited. Stepping down and revocation end the contributor's time
 * on the ladder; a promotion under way is withdrawn first.
 */
export function handleLeaving(ctx: LeavingContext): void {
  const { status, ladder } = ctx;
  const { workflowId, firstExecutionRunId } = workflowInfo();
  let leaving = false;

  setHandler(
    leaveUpdate,
    async (cmd: LeaveInput) => {
      leaving = true;
      const key = `${workflowId}:${firstExecutionRunId}:${cmd.kind}:${status.history.length}:${status.promotion?.workflowId ?? 'none'}`;
      await activities.recordAudit({
        idempotencyKey: key,
        actor: `team-leader:${cmd.by}`,
        action: `contributor.${cmd.kind}`,
        contributorId: ctx.contributorId,
        workflowId,
        details: { reason: cmd.reason, level: status.level, promotion: status.promotion },
      });
      if (status.promotion?.state === 'open') {
        ctx.promotionScope()?.cancel();
        await condition(() => status.promotion?.state !== 'open');
      }
      if (cmd.kind !== 'withdraw') {
        const level = cmd.kind === 'demote' ? (ladder.levels[levelIndex(ladder, status.level) - 1]?.id ?? null) : null;
        await activities.recordLevel({ idempotencyKey: `${key}:level`, contributorId: ctx.contributorId, workflowId, level, actor: `team-leader:${cmd.by}`, reason: cmd.reason });
        holdLevel(status, level);
        status.state = cmd.kind !== 'demote' ? 'left' : level === null ? 'onboarding' : 'active';
      }
      leaving = false;
      return status;
    },
    {
      validator(cmd: LeaveInput) {
        if (status.state === 'left') refuse('this contributor has already left the ladder');
        if (leaving) refuse('a change to this contributor is already being made');
        if (cmd.kind === 'withdraw' && status.promotion?.state !== 'open') refuse('no promotion is under way to withdraw');
        if (cmd.kind === 'demote' && status.level === null) refuse('this contributor holds no level to be demoted from');
      },
    },
  );
}
