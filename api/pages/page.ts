import type { FastifyReply } from 'fastify';
import { escapeHtml as escape } from '../../platform/html';

/** A group of radio buttons: one question of a quiz, or a ballot. */
export interface Choice {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
}

export interface PageForm {
  action: string;
  button: string;
  choices?: Choice[];
}

function fieldset(choice: Choice): string {
  const options = choice.options
    .map(
      (o) =>
        `<label><input type="radio" name="${escape(choice.name)}" value="${escape(o.value)}" required> ${escape(o.label)}</label><br>`,
    )
    .join('\n');
  return `<fieldset><legend>${escape(choice.legend)}</legend>\n${options}\n</fieldset>`;
}

/** A small, self-contained HTML page: no scripts, no external resources. */
export function page(title: string, paragraphs: string[], form?: PageForm): string {
  const body = paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n');
  const formHtml = form
    ? `<form method="post" action="${escape(form.action)}">\n${(form.choices ?? []).map(fieldset).join('\n')}\n<button type="submit">${escape(form.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escape(title)} · trustladder</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1.1rem;padding:.5rem 1.5rem}fieldset{margin:1rem 0}</style>
</head><body><h1>${escape(title)}</h1>
${body}
${formHtml}
</body></html>`;
}

/** Links carry capabilities: their pages must not be cached, framed, or leak the URL onward. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

export function sendPage(
  reply: FastifyReply,
  status: number,
  title: string,
  paragraphs: string[],
  form?: PageForm,
): FastifyReply {
  return reply
    .code(status)
    .headers(PAGE_HEADERS)
    .send(page(title, paragraphs, form));
}
