import path from 'node:path';
import { templates } from '../../platform/templates';

export interface MailLink {
  title: string;
  url: string;
  /** Lines under the link: what a document is, and where its text is. */
  notes: string[];
}

export interface MailParts {
  lang: string;
  subject: string;
  greeting: string;
  intro: string[];
  links: MailLink[];
  closing: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const render = templates(path.join(__dirname, 'views'));

/** A mail as plain text and as HTML, from the same parts, every text already in the reader's language. */
export function composeMail(parts: MailParts): RenderedMail {
  const text = [
    parts.greeting,
    '',
    ...parts.intro.flatMap((line) => [line, '']),
    ...parts.links.flatMap((link) => [`- ${link.title}:`, `  ${link.url}`, ...link.notes.map((n) => `  ${n}`)]),
    ...(parts.links.length ? [''] : []),
    ...parts.closing.flatMap((line, i) => (i === 0 ? [line] : ['', line])),
  ].join('\n');
  return { subject: parts.subject, text, html: render('mail', parts) };
}

/** The HTML part of a mail written as plain text (notices to staff): one paragraph per blank-line-separated block. */
export function htmlOfText(subject: string, text: string, lang = 'en'): string {
  const blocks = text.split('\n\n').map((block) => block.split('\n'));
  return render('text', { lang, subject, blocks });
}
