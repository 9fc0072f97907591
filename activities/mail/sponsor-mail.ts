import { dateIn, textsIn, type Language } from '../../platform/i18n';
import { composeMail, type RenderedMail } from './compose';

/** Asks a member to vouch for a candidate, and says what vouching means. */
export function renderSponsorMail(input: {
  language: Language;
  sponsorName: string;
  candidateName: string;
  ladderName: string;
  levelName: string;
  url: string;
  expiresAt: Date;
}): RenderedMail {
  const t = textsIn(input.language);
  const names = { candidate: input.candidateName, ladder: input.ladderName, level: input.levelName };
  return composeMail({
    lang: input.language,
    subject: t('mail.sponsor.subject', names),
    greeting: t('mail.hello', { name: input.sponsorName }),
    intro: [t('mail.sponsor.intro', names), t('mail.sponsor.ask', names)],
    links: [{ title: t('step.vouch.button', names), url: input.url, notes: [] }],
    closing: [t('mail.sponsor.expires', { date: dateIn(input.language, input.expiresAt, true) })],
  });
}
