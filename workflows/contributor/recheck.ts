import { durationMs } from '../../domain/duration';
import { heldConditions, levelBelow, upkeepOf } from '../../domain/upkeep';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import { auditContributor } from './contributor-audit';
import type { Duty } from './duty';
import { stateFor, type ContributorContext, type Standing } from './standing';

/**
 * The conditions of the levels held, asked again every so often: one that no
 * longer holds drops the contributor below the level that asked for it.
 */
export function recheck(ctx: ContributorContext, changes: Standing) {
  const { status, contributorId } = ctx;
  let lastRecheck = now().getTime();

  async function act(): Promise<void> {
    lastRecheck = now().getTime();
    for (const { level, condition: held } of heldConditions(ctx.ladder(), status.level)) {
      const answer = await activities.checkCondition({ contributorId, condition: held });
      // Unknown (no fact service) keeps the level: only a fact that fails takes it away.
      if (answer.holds !== false) continue;
      const to = levelBelow(ctx.ladder(), level);
      const key = changes.key(`condition-lost-${held.id}`);
      await auditContributor(contributorId, {
        key,
        actor: 'system',
        action: 'condition.lost',
        details: { condition: held.id, detail: answer.detail, from: status.level, to },
      });
      await changes.moveTo(key, to, to === null ? 'left' : stateFor(to), 'system', `no longer met: ${held.title}`);
      return;
    }
  }

  return {
    duties(): Duty[] {
      if (heldConditions(ctx.ladder(), status.level).length === 0) return [];
      return [{ kind: 'recheck', at: lastRecheck + durationMs(upkeepOf(ctx.ladder()).recheckEvery), act }];
    },
  };
}
