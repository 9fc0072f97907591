import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { textsIn, type Language } from '../../platform/i18n';
import type { Role } from '../../platform/roles';
import { templates } from '../../platform/templates';
import { browserLanguage, PAGE_HEADERS } from '../pages/page';

const render = templates(path.join(__dirname, 'views'));

/** A place in the console's navigation, shown to those who hold one of its roles. */
const PLACES: { href: string; key: string; roles: Role[] }[] = [
  { href: '/console', key: 'console.nav.home', roles: ['team-leader', 'board', 'arbitrator', 'auditor', 'admin'] },
  { href: '/console/motions', key: 'console.nav.motions', roles: ['board', 'team-leader'] },
  { href: '/console/disputes', key: 'console.nav.disputes', roles: ['arbitrator', 'team-leader'] },
  { href: '/console/audit', key: 'console.nav.audit', roles: ['auditor', 'admin'] },
  { href: '/console/stats', key: 'console.nav.stats', roles: ['team-leader', 'board', 'auditor', 'admin'] },
  { href: '/console/staff', key: 'console.nav.staff', roles: ['admin'] },
];

/**
 * Renders a console page in the reader's language: the layout with the
 * places the signed-in person may go and a sign-out form, each form of the
 * page carrying its CSRF token.
 */
export function sendConsole<T extends { title: string }>(
  reply: FastifyReply,
  status: number,
  view: string,
  data: T,
): FastifyReply {
  const lang: Language = browserLanguage(reply);
  const staff = reply.request.staff;
  const held = new Set(staff?.roles.map((r) => r.role) ?? []);
  const places = staff ? PLACES.filter((p) => p.roles.some((r) => held.has(r))) : [];
  const ledLadders =
    staff?.roles
      .filter((r) => r.role === 'team-leader')
      .map((r) => ({ id: r.ladderId!, name: reply.server.ladders.get(r.ladderId!)?.name ?? r.ladderId! })) ?? [];
  return (
    reply
      .code(status)
      // Same-origin, not none: the browser then names the console as the Origin of its forms, which a post must show.
      .headers({ ...PAGE_HEADERS, 'referrer-policy': 'same-origin' })
      .send(
        render(view, {
          ...data,
          lang,
          t: textsIn(lang),
          staff,
          places,
          ledLadders,
          here: reply.request.url.split('?')[0],
          csrf: reply.generateCsrf(),
        }),
      )
  );
}
