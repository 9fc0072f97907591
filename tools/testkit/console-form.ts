/** The console's session cookie among a response's Set-Cookie headers, as `name=value` to send back. */
export function sessionCookieIn(setCookie: string | string[] | undefined): string {
  const cookie = [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('trustladder='));
  if (!cookie) throw new Error('the answer sets no console session cookie');
  return cookie;
}

/** The CSRF token a console page's forms carry. */
export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}
