import { sleep } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { noticeToTeamLeader } from '../team-leader-notice';
import { now } from '../clock';
import type { PromotionContext } from './context';

/**
 * When an attempt stalls: remind the candidate with fresh links, tell the
 * team leader, and at the deadline end every step still waiting for a person
 * as timed out. The times come from the level, else the ladder; each is optional.
 */
export async function runStallTimers(ctx: PromotionContext): Promise<void> {
  const timing = ctx.timing();
  const start = now().getTime();
  const events = [
    { at: timing.remindAfter, run: () => ctx.mailCandidate('reminder', 'reminder') },
    {
      at: timing.escalateAfter,
      run: async () => {
        const open = ctx.status.steps.filter((s) => s.status === 'open').map((s) => s.title);
        await ctx.audit('escalated', 'promotion.escalated', 'system', { open });
        await noticeToTeamLeader(ctx.input.ladder, {
          idempotencyKey: `${ctx.eventKey}:escalated`,
          contributorId: ctx.input.contributorId,
          workflowId: ctx.workflowId,
          subject: `Stalled: ${ctx.input.name}'s way to ${ctx.level.name}`,
          text: `${ctx.input.name}'s promotion to ${ctx.level.name} has waited since ${new Date(start).toUTCString()}.\n\nStill open:\n${open.map((t) => `- ${t}`).join('\n')}\n`,
        });
      },
    },
    {
      at: timing.deadline,
      run: async () => {
        // Only steps that wait for a person stall; a tenure timer runs its course.
        const stalled = ctx.status.steps.filter((s) => s.status === 'open' && s.completedBy !== 'system');
        for (const step of stalled) await ctx.settle(step.id, 'timed-out', 'system', { deadline: timing.deadline });
      },
    },
  ]
    .filter((e): e is { at: string; run: () => Promise<void> } => e.at !== undefined)
    .map((e) => ({ ...e, ms: durationMs(e.at) }))
    .sort((a, b) => a.ms - b.ms);

  for (const event of events) {
    const wait = start + event.ms - now().getTime();
    if (wait > 0) await sleep(wait);
    if (ctx.status.state !== 'open') return;
    await event.run();
  }
}
