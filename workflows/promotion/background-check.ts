import { condition } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import type { BackgroundCheckGate } from '../../domain/ladder';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import type { UpdateHandling } from '../handlers';
import type { PromotionStatus, VerdictInput } from '../messages';
import { refuse } from '../refusal';
import type { PromotionContext } from './context';

type DisputeView = NonNullable<PromotionStatus['dispute']>;

/**
 * CAcert's Arbitrated Background Check: a dispute filed with arbitration by
 * email, reminded every so often, until a verdict arrives or the deadline passes.
 * Returns the verdict's handling, for the workflow to register, and the gate's run.
 */
export function backgroundCheck(ctx: PromotionContext): {
  run: () => Promise<void>;
  verdict: UpdateHandling<PromotionStatus['dispute'], [VerdictInput]>;
} {
  const gate = ctx.definition('background-check').gate as BackgroundCheckGate;
  const dispute: DisputeView = { id: `${ctx.workflowId}.dispute`, state: 'open' };
  const levelName = (id: string | null) => ctx.input.ladder.levels.find((l) => l.id === id)?.name ?? 'newcomer';
  const filing = (reminder: number) => ({
    idempotencyKey: `${ctx.eventKey}:dispute:${reminder === 0 ? 'filed' : `reminder-${reminder}`}`,
    disputeId: dispute.id,
    contributorId: ctx.input.contributorId,
    workflowId: ctx.workflowId,
    ladderName: ctx.input.ladder.name,
    currentLevel: levelName(ctx.input.fromLevel),
    targetLevel: ctx.level.name,
    arbitration: ctx.input.ladder.contacts!.arbitration!,
    reminder,
  });
  let verdict: VerdictInput | undefined;
  let recording = false;

  const judge: UpdateHandling<PromotionStatus['dispute'], [VerdictInput]> = {
    handle: async (input: VerdictInput) => {
      verdict = input;
      recording = true;
      dispute.state = input.verdict;
      try {
        const row = [
          'dispute:verdict',
          'dispute.verdict',
          `arbitrator:${input.arbitrator}`,
          { dispute: dispute.id, verdict: input.verdict, note: input.note },
        ] as const;
        await ctx.writeWithAudit(row, (audit) =>
          activities.saveDispute({ disputeId: dispute.id, state: input.verdict, audit }),
        );
      } finally {
        recording = false;
      }
      return dispute;
    },
    validate(_input: VerdictInput) {
      if (verdict) refuse(`the dispute already has its verdict (${verdict.verdict})`);
      if (ctx.status.state !== 'open') refuse(`the promotion to ${ctx.input.target} is already ${ctx.status.state}`);
    },
  };

  ctx.status.dispute = dispute;
  return {
    verdict: judge,
    run: async () => {
      await activities.fileDispute(filing(0));
      const deadline = now().getTime() + durationMs(gate.backgroundCheck.deadline);
      const every = durationMs(gate.backgroundCheck.remindEvery);
      for (let reminder = 1; !verdict; reminder++) {
        const left = deadline - now().getTime();
        if (left <= 0) break;
        const answered = await condition(() => verdict !== undefined, Math.min(every, left));
        if (!answered && now().getTime() < deadline) await activities.fileDispute(filing(reminder));
      }
      await condition(() => !recording);
      if (!verdict) {
        dispute.state = 'timed-out';
        await activities.saveDispute({ disputeId: dispute.id, state: dispute.state });
        await ctx.settle('background-check', 'timed-out', 'system', {
          dispute: dispute.id,
          deadline: gate.backgroundCheck.deadline,
        });
        return;
      }
      await ctx.settle(
        'background-check',
        verdict.verdict === 'positive' ? 'done' : 'failed',
        `arbitrator:${verdict.arbitrator}`,
        { dispute: dispute.id },
      );
    },
  };
}
