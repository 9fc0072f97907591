/** A board motion's rules, pure: who may vote, and when it is decided. */
export type Vote = 'approve' | 'reject' | 'abstain' | 'block';

export interface CastVote {
  keyId: string;
  /** The voter as a contributor, when their key is linked to one. */
  contributorId?: string;
  vote: Vote;
  at: string;
}

export interface Motion {
  id: string;
  title: string;
  seats: number;
  /** The key that proposed the promotion: its approval never decides alone. */
  proposedBy: string;
  /** The candidate, who never votes on their own case. */
  candidateId: string;
  votes: CastVote[];
}

export type MotionState = 'open' | 'passed' | 'rejected';

/** A majority of the seats. */
export function quorum(seats: number): number {
  return Math.floor(seats / 2) + 1;
}

/** Why this voter may not vote now, or undefined when they may. */
export function voteRefusal(motion: Motion, voter: { keyId: string; contributorId?: string }): string | undefined {
  if (voter.contributorId === motion.candidateId) return 'a board member never votes on their own case';
  if (motion.votes.some((v) => v.keyId === voter.keyId)) return 'this board member has already voted on this motion';
  if (decide(motion) !== 'open') return 'the motion is already decided';
  return undefined;
}

/**
 * Passed on a majority of the board with no block, where the approvals are
 * not the proposer's alone; rejected on a block, or once a majority can no
 * longer be reached.
 */
export function decide(motion: Motion): MotionState {
  if (motion.votes.some((v) => v.vote === 'block')) return 'rejected';
  const approvals = motion.votes.filter((v) => v.vote === 'approve');
  const needed = quorum(motion.seats);
  const othersApprove = approvals.some((v) => v.keyId !== motion.proposedBy);
  if (approvals.length >= needed && othersApprove) return 'passed';
  const outstanding = Math.max(0, motion.seats - motion.votes.length);
  const reachable = approvals.length + outstanding;
  if (reachable < needed || (outstanding === 0 && !othersApprove)) return 'rejected';
  return 'open';
}

export function tally(motion: Motion): Record<Vote, number> {
  const counts: Record<Vote, number> = { approve: 0, reject: 0, abstain: 0, block: 0 };
  for (const v of motion.votes) counts[v.vote]++;
  return counts;
}
