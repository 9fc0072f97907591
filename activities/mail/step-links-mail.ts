import type { AgreementDocument, StepLabel } from '../../domain/ladder';
import { dateIn, textsIn, type Language, type Translate } from '../../platform/i18n';
import { stepTitle } from '../../platform/i18n/step-title';
import { composeMail, type RenderedMail } from './compose';

export interface StepLink {
  title: string;
  label?: StepLabel;
  document?: AgreementDocument & { id: string };
  url: string;
}

export type StepLinksTemplate = 'welcome' | 'returning' | 'promotion' | 'reminder' | 'retake' | 'ping' | 'warning';

/** What the mail says of an agreement: its title and version, where its text is, and its digest. */
export function documentNotes(t: Translate, document: AgreementDocument | undefined): string[] {
  if (!document) return [];
  return [
    t('mail.document', { title: document.title, version: document.version, url: document.url }),
    ...(document.sha256 ? [t('mail.documentFixed', { sha256: document.sha256 })] : []),
  ];
}

/** The mail that hands a candidate the links to their open steps, and to the page of where they stand. */
export function renderStepLinksMail(input: {
  template: StepLinksTemplate;
  language: Language;
  name: string;
  ladderName: string;
  levelName: string;
  links: StepLink[];
  expiresAt: Date;
  progressUrl: string;
}): RenderedMail {
  const t = textsIn(input.language);
  const names = { ladder: input.ladderName, level: input.levelName };
  return composeMail({
    lang: input.language,
    subject: t(`mail.${input.template}.subject`, names),
    greeting: t('mail.hello', { name: input.name }),
    intro: [t(`mail.${input.template}.line`, names)],
    links: input.links.map((link) => ({
      title: stepTitle(t, link),
      url: link.url,
      notes: documentNotes(t, link.document),
    })),
    closing: [
      ...(input.links.length ? [t('mail.expires', { date: dateIn(input.language, input.expiresAt, true) })] : []),
      t('mail.progress', { url: input.progressUrl }),
      t('mail.ignore'),
    ],
  });
}
