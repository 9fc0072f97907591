import { CancellationScope } from '@temporalio/workflow';
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
    ctx
      .openSteps((d) => d.kind === 'condition')
      .map(async (definition) => {
        // A check under way is let finish when the attempt ends (one failed condition
        // decides it while the others are still being asked): it only reads.
        const { holds, detail } = await CancellationScope.nonCancellable(() =>
          activities.checkCondition({
            contributorId: ctx.input.contributorId,
            condition: (definition.gate as ConditionGate).condition,
          }),
        );
        if (ctx.status.state !== 'open') return;
        await ctx.settle(definition.id, holds === true ? 'done' : 'failed', 'system', { detail });
      }),
  );
}
