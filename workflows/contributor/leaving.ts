import { levelIndex } from '../../domain/ladder';
import type { UpdateHandling } from '../handlers';
import type { ContributorStatus, LeaveInput } from '../messages';
import { refuse } from '../refusal';
import { auditContributor } from './contributor-audit';
import type { ContributorContext, Standing } from './standing';

/**
 * Withdraw, demote, step down, revoke: each by the team leader, with a
 * reason, audited. Stepping down and revocation end the contributor's time
 * on the ladder; a promotion under way is withdrawn first. A revocation puts
 * everyone the person sponsored up for review.
 */
export function leaving(ctx: ContributorContext, changes: Standing): UpdateHandling<ContributorStatus, [LeaveInput]> {
  const { status } = ctx;

  return {
    handle: (cmd: LeaveInput) =>
      changes.exclusive(async () => {
        const key = changes.key(cmd.kind);
        const actor = `team-leader:${cmd.by}`;
        await auditContributor(ctx.contributorId, {
          key,
          actor,
          action: `contributor.${cmd.kind}`,
          details: { reason: cmd.reason, level: status.level, promotion: status.promotion },
        });
        if (cmd.kind === 'withdraw') {
          await changes.withdrawPromotion();
        } else if (cmd.kind === 'demote') {
          await changes.demote(key, actor, cmd.reason);
        } else {
          await changes.leave(key, cmd.kind === 'revoke' ? 'revoked' : 'emeritus', actor, cmd.reason);
          if (cmd.kind === 'revoke') await changes.flagSponsored(key, cmd.reason);
        }
        return status;
      }),
    validate(cmd: LeaveInput) {
      if (status.state === 'left') refuse('this contributor has already left the ladder');
      if (changes.busy()) refuse('a change to this contributor is already being made');
      if (cmd.kind === 'withdraw' && status.promotion?.state !== 'open')
        refuse('no promotion is under way to withdraw');
      if (cmd.kind === 'demote' && levelIndex(ctx.ladder(), status.level) < 0)
        refuse('this contributor holds no level to be demoted from');
    },
  };
}
