import { sleep } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { hasPatch } from '../patches';
import { noticeToTeamLeader } from '../team-leader-notice';
import { now } from '../clock';
import type { PromotionContext } from './context';

/**
 * When an attempt stalls: remind the candidate with fresh links, tell the
 * candidate's reviewer (then, if it still stalls, the team leader; without a
 * reviewer, the team leader at once), and at the deadline end every step
 * still waiting for a person as timed out. The times come from the level,
 * else the ladder; each is optional.
 */
export async function runStallTimers(ctx: PromotionContext): Promise<void> {
  const timing = ctx.timing();
  const start = now().getTime();
  const reviewerFirst = timing.escalateAfter !== undefined && hasPatch('escalation-to-reviewer-first');
  let escalatedTo: 'reviewer' | 'team-leader' | undefined;
  const escalate = async (stage: 'escalated' | 'escalated-further', route?: 'reviewer') => {
    const open = ctx.status.steps.filter((s) => s.status === 'open').map((s) => s.title);
    await ctx.audit(stage, 'promotion.escalated', 'system', { open, ...(reviewerFirst ? { stage } : {}) });
    const sent = await noticeToTeamLeader(ctx.input.ladder, {
      idempotencyKey: `${ctx.eventKey}:${stage}`,
      contributorId: ctx.input.contributorId,
      workflowId: ctx.workflowId,
      subject: `Stalled: ${ctx.input.name}'s way to ${ctx.level.name}`,
      text: `${ctx.input.name}'s promotion to ${ctx.level.name} has waited since ${new Date(start).toUTCString()}.\n\nStill open:\n${open.map((t) => `- ${t}`).join('\n')}\n`,
      ...(route ? { route } : {}),
    });
    escalatedTo = sent?.as;
  };
  const ms = (at: string | undefined) => (at === undefined ? undefined : durationMs(at));
  const escalateMs = ms(timing.escalateAfter);
  const deadlineMs = ms(timing.deadline);
  // Told first, the reviewer has until half-way to the deadline (else as long again) before the team leader hears.
  const furtherMs =
    reviewerFirst && escalateMs !== undefined
      ? deadlineMs !== undefined
        ? (escalateMs + deadlineMs) / 2
        : 2 * escalateMs
      : undefined;
  const events = [
    { ms: ms(timing.remindAfter), run: () => ctx.mailCandidate('reminder', 'reminder') },
    {
      ms: escalateMs,
      run: () => (reviewerFirst ? escalate('escalated', 'reviewer') : escalate('escalated')),
    },
    {
      ms: furtherMs,
      run: async () => {
        if (escalatedTo === 'reviewer') await escalate('escalated-further');
      },
    },
    {
      ms: deadlineMs,
      run: async () => {
        // Only steps that wait for a person stall; a tenure timer runs its course.
        const stalled = ctx.status.steps.filter((s) => s.status === 'open' && s.completedBy !== 'system');
        for (const step of stalled) await ctx.settle(step.id, 'timed-out', 'system', { deadline: timing.deadline });
      },
    },
  ]
    .filter((e): e is { ms: number; run: () => Promise<void> } => e.ms !== undefined)
    .sort((a, b) => a.ms - b.ms);

  for (const event of events) {
    const wait = start + event.ms - now().getTime();
    if (wait > 0) await sleep(wait);
    if (ctx.status.state !== 'open') return;
    await event.run();
  }
}
