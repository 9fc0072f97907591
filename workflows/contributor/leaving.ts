import { setHandler, workflowInfo } from '@temporalio/workflow';
import { levelIndex } from '../../domain/ladder';
import { activities } from '../activities-proxy';
import { leaveUpdate, type LeaveInput } from '../messages';
import { refuse } from '../refusal';
import type { ContributorContext, Standing } from './standing';
import { hasPatch } from '../patches';

/**
 * Withdraw, demote, step down, revoke: each by the team leader, with a
 * reason, audited. Stepping down and revocation end the contributor's time
 * on the ladder; a promotion under way is withdrawn first. A revocation puts
 * everyone the person sponsored up for review.
 */
export function handleLeaving(ctx: ContributorContext, changes: Standing): void {
  const { status } = ctx;

  setHandler(
    leaveUpdate,
    (cmd: LeaveInput) =>
      changes.exclusive(async () => {
        const key = changes.key(cmd.kind);
        const actor = `team-leader:${cmd.by}`;
        await activities.recordAudit({
          idempotencyKey: key,
          actor,
          action: `contributor.${cmd.kind}`,
          contributorId: ctx.contributorId,
          workflowId: workflowInfo().workflowId,
          details: { reason: cmd.reason, level: status.level, promotion: status.promotion },
        });
        if (cmd.kind === 'withdraw') {
          await changes.withdrawPromotion();
        } else if (cmd.kind === 'demote') {
          await changes.demote(key, actor, cmd.reason);
        } else {
          await changes.moveTo(key, null, 'left', actor, cmd.reason);
          // Revocations recorded before sponsors were flagged replay without it.
          if (cmd.kind === 'revoke' && hasPatch('flag-sponsored-on-revoke'))
            await changes.flagSponsored(key, cmd.reason);
        }
        return status;
      }),
    {
      validator(cmd: LeaveInput) {
        if (status.state === 'left') refuse('this contributor has already left the ladder');
        if (changes.busy()) refuse('a change to this contributor is already being made');
        if (cmd.kind === 'withdraw' && status.promotion?.state !== 'open')
          refuse('no promotion is under way to withdraw');
        if (cmd.kind === 'demote' && levelIndex(ctx.ladder(), status.level) < 0)
          refuse('this contributor holds no level to be demoted from');
      },
    },
  );
}
