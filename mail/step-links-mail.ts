export interface StepLink {
  title: string;
  url: string;
}

export type StepLinksTemplate = 'welcome';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The mail that hands a candidate the links to their open steps. */
export function renderStepLinksMail(input: {
  template: StepLinksTemplate;
  name: string;
  ladderName: string;
  links: StepLink[];
  expiresAt: Date;
}): { subject: string; text: string; html: string } {
  const { name, ladderName, links, expiresAt } = input;
  const until = expiresAt.toUTCString();
  const subject = `Welcome to ${ladderName}`;
  const text = [
    `Hello ${name},`,
    '',
    `welcome to ${ladderName}. To get started, please complete these steps:`,
    '',
    ...links.flatMap((link) => [`- ${link.title}:`, `  ${link.url}`]),
    '',
    `Each link works once and until ${until}.`,
    'If you did not expect this message, ignore it: nothing happens until you confirm.',
  ].join('\n');
  const html = [
    `<p>Hello ${escape(name)},</p>`,
    `<p>welcome to ${escape(ladderName)}. To get started, please complete these steps:</p>`,
    '<ul>',
    ...links.map((link) => `<li><a href="${escape(link.url)}">${escape(link.title)}</a></li>`),
    '</ul>',
    `<p>Each link works once and until ${escape(until)}.</p>`,
    '<p>If you did not expect this message, ignore it: nothing happens until you confirm.</p>',
  ].join('\n');
  return { subject, text, html };
}
