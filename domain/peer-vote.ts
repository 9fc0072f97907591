/** A peer vote's rules, pure: a module owner decides alone, or a majority of peers with no block. */
export type PeerChoice = 'agree' | 'abstain' | 'disagree' | 'block';
export const PEER_CHOICES: PeerChoice[] = ['agree', 'abstain', 'disagree', 'block'];

export interface Voter {
  id: string;
  /** A member at the owner level: their agree or disagree decides. */
  owner: boolean;
}

export interface PeerBallot {
  voter: string;
  choice: PeerChoice;
}

export type PeerVoteState = 'open' | 'agreed' | 'refused';

/** More than half of the peers asked. */
export function peerMajority(peers: number): number {
  return Math.floor(peers / 2) + 1;
}

/**
 * Refused on any block or an owner's disagree; agreed on an owner's agree or
 * a majority of the electorate agreeing; refused once that majority cannot
 * be reached. An electorate of nobody can never agree.
 */
export function decidePeerVote(electorate: Voter[], ballots: PeerBallot[]): PeerVoteState {
  const owners = new Set(electorate.filter((v) => v.owner).map((v) => v.id));
  if (ballots.some((b) => b.choice === 'block')) return 'refused';
  const ownerBallot = ballots.find((b) => owners.has(b.voter) && (b.choice === 'agree' || b.choice === 'disagree'));
  if (ownerBallot) return ownerBallot.choice === 'agree' ? 'agreed' : 'refused';
  const needed = peerMajority(electorate.length);
  const agrees = ballots.filter((b) => b.choice === 'agree').length;
  if (agrees >= needed) return 'agreed';
  const outstanding = electorate.length - ballots.length;
  // An owner who has not voted yet can still decide.
  const ownerOutstanding = [...owners].some((id) => !ballots.some((b) => b.voter === id));
  if (agrees + outstanding < needed && !ownerOutstanding) return 'refused';
  return 'open';
}

export function peerTally(ballots: PeerBallot[]): Record<PeerChoice, number> {
  const counts: Record<PeerChoice, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  for (const b of ballots) counts[b.choice]++;
  return counts;
}
