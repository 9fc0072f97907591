import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { fromAcceptLanguage, textsIn, type Language } from '../../platform/i18n';
import { templates } from '../../platform/templates';

const render = templates(path.join(__dirname, 'views'));

/** Capability links open these pages: they must not be cached, framed, or leak the URL onward. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** What every page knows of its reader: their language, and the ladder it is about (when known). */
export interface PageFrame {
  lang: Language;
  ladderName?: string;
}

/** Renders a view of api/pages/views in the reader's language, with the page headers. */
export function sendView<T extends { title: string }>(
  reply: FastifyReply,
  status: number,
  view: string,
  frame: PageFrame,
  data: T,
): FastifyReply {
  const t = textsIn(frame.lang);
  return reply
    .code(status)
    .headers(PAGE_HEADERS)
    .send(render(view, { ...data, ...frame, t }));
}

/** A link onward from a page that says one thing. */
export interface Onward {
  href: string;
  text: string;
}

/**
 * A page that says what one entry of the catalogue says (`<key>.title` and `<key>.detail`), in the reader's
 * language, then the further texts named in `more`, perhaps with a link onward.
 */
export function sendSaying(
  reply: FastifyReply,
  status: number,
  frame: PageFrame,
  key: string,
  { more = [], link }: { more?: string[]; link?: Onward } = {},
): FastifyReply {
  const t = textsIn(frame.lang);
  const lines = [t(`${key}.detail`), ...more.map((k) => t(k))];
  return sendView(reply, status, 'message', frame, { title: t(`${key}.title`), lines, ...(link ? { link } : {}) });
}

/** The reader's language before we know who they are: what their browser asks for. */
export const browserLanguage = (reply: FastifyReply): Language =>
  fromAcceptLanguage(reply.request.headers['accept-language']);
