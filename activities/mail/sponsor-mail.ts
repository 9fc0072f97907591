import { paragraphs } from '../../platform/html';

/** Asks a member to vouch for a candidate, and says what vouching means. */
export function renderSponsorMail(input: {
  sponsorName: string;
  candidateName: string;
  ladderName: string;
  levelName: string;
  url: string;
  expiresAt: Date;
}): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = `Will you vouch for ${input.candidateName} in ${input.ladderName}?`;
  const text = [
    `Hello ${input.sponsorName},`,
    `${input.candidateName} is proposed for ${input.levelName} in ${input.ladderName}, and you have been named as a sponsor.`,
    `If you know ${input.candidateName} and trust them with it, confirm here. You will answer for them: if their trust is broken, the people they were entrusted by are asked to review it.\n${input.url}`,
    `The link works once and until ${input.expiresAt.toUTCString()}. If you do not want to vouch, ignore this message.`,
  ].join('\n\n');
  return { subject, text, html: paragraphs(text) };
}
