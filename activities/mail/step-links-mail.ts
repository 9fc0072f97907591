import { escapeHtml } from '../../platform/html';

export interface StepLink {
  title: string;
  url: string;
}

export type StepLinksTemplate = 'welcome' | 'promotion' | 'reminder' | 'retake' | 'ping' | 'warning';

const OPENING: Record<StepLinksTemplate, (ladder: string, level: string) => { subject: string; line: string }> = {
  welcome: (ladder) => ({
    subject: `Welcome to ${ladder}`,
    line: `welcome to ${ladder}. To get started, please complete these steps:`,
  }),
  promotion: (ladder, level) => ({
    subject: `Your way to ${level} in ${ladder}`,
    line: `you have been proposed for ${level} in ${ladder}. Please complete these steps:`,
  }),
  reminder: (ladder, level) => ({
    subject: `Reminder: your steps towards ${level} in ${ladder}`,
    line: `these steps towards ${level} in ${ladder} are still open. Here are fresh links:`,
  }),
  ping: (ladder, level) => ({
    subject: `Are you still with ${ladder}?`,
    line: `we have not seen you in ${ladder} for a while. If you still want to keep your place as ${level}, confirm here:`,
  }),
  warning: (ladder, level) => ({
    subject: `Last call: your place as ${level} in ${ladder}`,
    line: `without a sign of life from you, your access as ${level} in ${ladder} will be removed soon. To keep it, confirm here:`,
  }),
  retake: (ladder, level) => ({
    subject: `Another try: your way to ${level} in ${ladder}`,
    line: `that attempt did not reach the pass mark, but you have attempts left. Take it again here:`,
  }),
};

/** The mail that hands a candidate the links to their open steps. */
export function renderStepLinksMail(input: {
  template: StepLinksTemplate;
  name: string;
  ladderName: string;
  levelName: string;
  links: StepLink[];
  expiresAt: Date;
}): { subject: string; text: string; html: string } {
  const { name, links, expiresAt } = input;
  const { subject, line } = OPENING[input.template](input.ladderName, input.levelName);
  const until = expiresAt.toUTCString();
  const closing = [
    `Each link works once and until ${until}.`,
    'If you did not expect this message, ignore it: nothing happens until you confirm.',
  ];
  const text = [
    `Hello ${name},`,
    '',
    line,
    '',
    ...links.flatMap((link) => [`- ${link.title}:`, `  ${link.url}`]),
    '',
    ...closing,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    `<p>${escapeHtml(line)}</p>`,
    '<ul>',
    ...links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.title)}</a></li>`),
    '</ul>',
    ...closing.map((c) => `<p>${escapeHtml(c)}</p>`),
  ].join('\n');
  return { subject, text, html };
}
