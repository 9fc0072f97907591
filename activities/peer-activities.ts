import { languageOf } from '../platform/i18n';
import { renderPeerVoteMail } from './mail/peer-vote-mail';
import { personLinkMailer } from './person-link';
import type { StepLinkDeps } from './step-link-activities';
import { holdersOf } from '../store/contributors';

export interface PeerVoteLinkInput {
  idempotencyKey: string;
  peerId: string;
  owner: boolean;
  candidateId: string;
  candidateName: string;
  workflowId: string;
  ladderName: string;
  levelName: string;
}

export function createPeerActivities(deps: StepLinkDeps) {
  const mailPersonLink = personLinkMailer(deps);
  return {
    /** The members at the given levels, the candidate and those who left aside: the electorate of a peer vote. */
    async listPeers(input: {
      ladderId: string;
      levels: string[];
      candidateId: string;
    }): Promise<{ id: string; level: string }[]> {
      return holdersOf(deps.pool, input.ladderId, input.levels, input.candidateId);
    },

    async sendPeerVoteLink(input: PeerVoteLinkInput): Promise<void> {
      await mailPersonLink({
        idempotencyKey: input.idempotencyKey,
        role: 'peer',
        personId: input.peerId,
        candidateId: input.candidateId,
        workflowId: input.workflowId,
        stepId: 'peer-vote',
        render: (peer, url, expiresAt) =>
          renderPeerVoteMail({
            language: languageOf(peer.language),
            peerName: peer.name,
            candidateName: input.candidateName,
            ladderName: input.ladderName,
            levelName: input.levelName,
            owner: input.owner,
            url,
            expiresAt,
          }),
      });
    },
  };
}
