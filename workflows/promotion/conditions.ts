import type { ConditionGate } from '../../domain/ladder';
import { activities } from '../activities-proxy';
import type { PromotionContext } from './context';

/**
 * Condition steps are checked as the attempt opens: a fact that holds is a
 * step done, one that does not (or that nobody can answer) fails it. The
 * contributor's workflow checks them again while the level is held.
 */
export async function checkConditions(ctx: PromotionContext): Promise<void> {
  await Promise.all(
    ctx.openSteps((d) => d.kind === 'condition').map(async (definition) => {
      const { holds, detail } = await activities.checkCondition({ contributorId: ctx.input.contributorId, condition: (definition.gate as ConditionGate).condition });
      await ctx.settle(definition.id, holds === true ? 'done' : 'failed', 'system', { detail });
    }),
  );
}
