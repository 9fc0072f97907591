import { sleep } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import type { TenureGate } from '../../domain/ladder';
import { now } from '../clock';
import type { PromotionContext } from './context';

/** Waits (durably) until the contributor has served the minimum time at their level. */
export async function runTenure(ctx: PromotionContext): Promise<void> {
  const gate = ctx.definition('tenure').gate as TenureGate;
  const since = ctx.input.levelSince ? Date.parse(ctx.input.levelSince) : now().getTime();
  const remaining = since + durationMs(gate.tenure) - now().getTime();
  if (remaining > 0) await sleep(remaining);
  await ctx.settle('tenure', 'done', 'system', { tenure: gate.tenure, since: ctx.input.levelSince });
}
