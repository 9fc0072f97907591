import { condition } from '@temporalio/workflow';
import { levelIndex, levelsFrom, type PeerVoteGate } from '../../domain/ladder';
import { decidePeerVote, peerTally, type PeerBallot, type Voter } from '../../domain/peer-vote';
import { activities } from '../activities-proxy';
import type { CompleteStepInput } from '../messages';
import type { PromotionContext } from './context';
import type { SharedStep } from './step-updates';

/**
 * The peer vote: every member at or above the peer level is mailed a ballot
 * link; an owner (at or above the owner level) decides alone, otherwise a
 * majority of those asked must agree with nobody blocking. The electorate is
 * fixed when the vote opens.
 */
export function peerVote(ctx: PromotionContext): SharedStep & { run: () => Promise<void> } {
  const { peers, owner } = (ctx.definition('peer-vote').gate as PeerVoteGate).peerVote;
  const ladder = ctx.input.ladder;
  let electorate: Voter[] | undefined;
  const ballots: PeerBallot[] = [];
  let recording = 0;
  const state = () => (electorate ? decidePeerVote(electorate, ballots) : 'open');
  const show = () => {
    ctx.status.peerVote = { state: state(), electorate: electorate?.length ?? 0, tally: peerTally(ballots) };
  };

  return {
    refusal(input: CompleteStepInput) {
      if (!input.vote) return 'a peer vote takes a vote: agree, abstain, disagree or block';
      if ((input.vote === 'disagree' || input.vote === 'block') && !input.statement?.trim())
        return `a vote to ${input.vote} carries a written statement saying why`;
      if (!electorate?.some((v) => v.id === input.actor.id))
        return 'this member was not asked to vote on this promotion';
      if (ballots.some((b) => b.voter === input.actor.id)) return 'this member has already voted';
      if (state() !== 'open') return 'the peer vote is already decided';
      return undefined;
    },
    async take(input: CompleteStepInput) {
      recording++;
      ballots.push({ voter: input.actor.id, choice: input.vote! });
      show();
      try {
        await ctx.audit(`peer-vote:${input.actor.id}`, 'peer-vote.cast', `peer:${input.actor.id}`, {
          vote: input.vote,
          note: input.note,
          statement: input.statement,
          linkId: input.linkId,
        });
        ctx.addStatement('peer', input);
      } finally {
        recording--;
      }
    },
    async run() {
      const lowest = owner && levelIndex(ladder, owner) < levelIndex(ladder, peers) ? owner : peers;
      const members = await activities.listPeers({
        ladderId: ladder.id,
        levels: levelsFrom(ladder, lowest),
        candidateId: ctx.input.contributorId,
      });
      const isOwner = (level: string) => owner !== undefined && levelIndex(ladder, level) >= levelIndex(ladder, owner);
      electorate = members.map((m) => ({ id: m.id, owner: isOwner(m.level) }));
      show();
      await ctx.audit('peer-vote:opened', 'peer-vote.opened', 'system', {
        electorate: electorate.map((v) => v.id),
        owners: electorate.filter((v) => v.owner).map((v) => v.id),
      });
      await Promise.all(
        electorate.map((voter) =>
          activities.sendPeerVoteLink({
            idempotencyKey: `${ctx.eventKey}:peer-vote:${voter.id}`,
            peerId: voter.id,
            owner: voter.owner,
            candidateId: ctx.input.contributorId,
            candidateName: ctx.input.name,
            workflowId: ctx.workflowId,
            ladderName: ladder.name,
            levelName: ctx.level.name,
          }),
        ),
      );
      await condition(() => state() !== 'open' && recording === 0);
      show();
      await ctx.settle('peer-vote', state() === 'agreed' ? 'done' : 'failed', 'system', {
        electorate: electorate.length,
        tally: peerTally(ballots),
      });
    },
  };
}
