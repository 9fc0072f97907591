import type { Caller } from '../../platform/api-keys';
import { findMotion } from '../../store/motions';
import { voteUpdate, type PromotionStatus } from '../../workflows/messages';
import { conflict, HttpProblem, notFound } from '../problem';
import type { UseCaseDeps } from './deps';

export interface Ballot {
  vote: 'approve' | 'reject' | 'abstain' | 'block';
  note?: string;
}

/**
 * A board member's vote on a motion, from the API or the console. A staff
 * member votes as their account, whether by key or by session, so they vote once.
 */
export async function castVote(
  { pool, temporal }: UseCaseDeps,
  caller: Caller,
  motionId: string,
  ballot: Ballot,
): Promise<PromotionStatus['motion']> {
  // A block vetoes the motion alone: the board and the candidate's team leader are owed the reason.
  if (ballot.vote === 'block' && !ballot.note?.trim())
    throw new HttpProblem(400, 'Bad Request', 'a block needs its reason, in note');
  const motion = await findMotion(pool, motionId);
  if (!motion) throw notFound('no such motion');
  if (motion.state !== 'open') throw conflict(`the motion is already ${motion.state}`);
  return temporal.workflow.getHandle(motion.workflow_id).executeUpdate(voteUpdate, {
    args: [
      {
        voter: {
          keyId: caller.staffId ? `staff:${caller.staffId}` : caller.id,
          contributorId: caller.contributorId ?? undefined,
        },
        vote: ballot.vote,
        note: ballot.note,
      },
    ],
  });
}
