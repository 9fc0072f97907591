/**
 * A step link's page, answered as its form posts it. The default ticks the consent an agreement asks for; other
 * steps take no such field and ignore it.
 */
export const CONSENTED = { consent: 'yes' };

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** For fetch: the POST of a link's form. */
export function formPost(form: Record<string, string> = CONSENTED): RequestInit {
  return { method: 'POST', headers: FORM, body: new URLSearchParams(form).toString() };
}

/** For Fastify's inject: the POST of a link's form to the path of `link`. */
export function formInject(link: string, form: Record<string, string> = CONSENTED) {
  return {
    method: 'POST' as const,
    url: new URL(link).pathname,
    headers: FORM,
    payload: new URLSearchParams(form).toString(),
  };
}
