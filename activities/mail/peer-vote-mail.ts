import { paragraphs } from '../../platform/html';

/** Asks a peer to vote on a candidate, and says what each choice means. */
export function renderPeerVoteMail(input: {
  peerName: string;
  candidateName: string;
  ladderName: string;
  levelName: string;
  owner: boolean;
  url: string;
  expiresAt: Date;
}): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = `Your vote: ${input.candidateName} for ${input.levelName} in ${input.ladderName}`;
  const weight = input.owner
    ? 'As an owner, your agree or disagree decides on its own.'
    : 'The candidate is admitted when a majority of the peers asked agree and nobody blocks.';
  const text = [
    `Hello ${input.peerName},`,
    `${input.candidateName} is proposed for ${input.levelName} in ${input.ladderName}, and the peers decide. ${weight}`,
    `Agree, abstain, disagree, or block (a block refuses on its own: use it when you know a reason not to trust them). Vote here:\n${input.url}`,
    `The link works once and until ${input.expiresAt.toUTCString()}.`,
  ].join('\n\n');
  return { subject, text, html: paragraphs(text) };
}
