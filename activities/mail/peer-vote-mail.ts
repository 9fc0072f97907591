import { dateIn, textsIn, type Language } from '../../platform/i18n';
import { composeMail, type RenderedMail } from './compose';

/** Asks a peer to vote on a candidate, and says what each choice means. */
export function renderPeerVoteMail(input: {
  language: Language;
  peerName: string;
  candidateName: string;
  ladderName: string;
  levelName: string;
  owner: boolean;
  url: string;
  expiresAt: Date;
}): RenderedMail {
  const t = textsIn(input.language);
  const names = { candidate: input.candidateName, ladder: input.ladderName, level: input.levelName };
  return composeMail({
    lang: input.language,
    subject: t('mail.peer.subject', names),
    greeting: t('mail.hello', { name: input.peerName }),
    intro: [
      `${t('mail.peer.intro', names)} ${t(input.owner ? 'mail.peer.owner' : 'mail.peer.majority')}`,
      t('mail.peer.ask'),
    ],
    links: [{ title: t('step.vote.button'), url: input.url, notes: [] }],
    closing: [t('mail.peer.expires', { date: dateIn(input.language, input.expiresAt, true) })],
  });
}
