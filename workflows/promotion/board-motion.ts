import { condition } from '@temporalio/workflow';
import { decide, quorum, tally, voteRefusal, type Motion } from '../../domain/motion';
import type { BoardApprovalGate } from '../../domain/ladder';
import type { AuditEvent } from '../../activities/audit';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import type { UpdateHandling } from '../handlers';
import type { PromotionStatus, VoteInput } from '../messages';
import { refuse } from '../refusal';
import type { PromotionContext } from './context';

/**
 * Board approval: a motion the board votes on. It passes on a majority of the
 * seats with no block, never on the proposer's approval alone, and nobody
 * votes on their own case. Returns the vote's handling, for the workflow to
 * register, and the gate's run, which opens the motion and waits for its decision.
 */
export function boardMotion(ctx: PromotionContext): {
  run: () => Promise<void>;
  vote: UpdateHandling<PromotionStatus['motion'], [VoteInput]>;
} {
  const gate = ctx.definition('board-approval').gate as BoardApprovalGate;
  const targetName = ctx.level.name;
  const motion: Motion = {
    id: `${ctx.workflowId}.motion`,
    title: gate.boardApproval.motion.replaceAll('{name}', ctx.input.name).replaceAll('{level}', targetName),
    seats: ctx.input.ladder.board!.seats,
    proposedBy: ctx.input.proposedBy,
    candidateId: ctx.input.contributorId,
    votes: [],
  };
  const view = () => ({ id: motion.id, state: decide(motion), tally: tally(motion), quorum: quorum(motion.seats) });
  const save = (audit?: AuditEvent) =>
    activities.saveMotion({
      ...view(),
      title: motion.title,
      contributorId: ctx.input.contributorId,
      workflowId: ctx.workflowId,
      seats: motion.seats,
      votes: motion.votes,
      audit,
    });
  let recording = 0;

  const vote: UpdateHandling<PromotionStatus['motion'], [VoteInput]> = {
    handle: async (input: VoteInput) => {
      recording++;
      motion.votes.push({
        keyId: input.voter.keyId,
        contributorId: input.voter.contributorId,
        vote: input.vote,
        at: now().toISOString(),
      });
      ctx.status.motion = view();
      try {
        const row = [
          `motion:vote:${input.voter.keyId}`,
          'motion.vote',
          `board:${input.voter.keyId}`,
          { motion: motion.id, vote: input.vote, note: input.note },
        ] as const;
        await ctx.writeWithAudit(row, save);
      } finally {
        recording--;
      }
      return view();
    },
    validate(input: VoteInput) {
      if (ctx.status.state !== 'open') refuse(`the promotion to ${ctx.input.target} is already ${ctx.status.state}`);
      const why = voteRefusal(motion, input.voter);
      if (why) refuse(why);
    },
  };

  ctx.status.motion = view();
  return {
    vote,
    run: async () => {
      const opened = [
        'motion:opened',
        'motion.opened',
        'system',
        { motion: motion.id, title: motion.title, quorum: quorum(motion.seats) },
      ] as const;
      await ctx.writeWithAudit(opened, save);
      await condition(() => decide(motion) !== 'open' && recording === 0);
      const decision = decide(motion);
      ctx.status.motion = view();
      await ctx.settle('board-approval', decision === 'passed' ? 'done' : 'failed', 'system', {
        motion: motion.id,
        tally: tally(motion),
      });
    },
  };
}
