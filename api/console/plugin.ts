import { createHmac } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifySession from '@fastify/session';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleSettings } from '../deps';
import { browserLanguage } from '../pages/page';
import { errorHandler, HttpProblem } from '../problem';
import { textsIn } from '../../platform/i18n';
import { sendConsole } from './page';
import { PgSessionStore } from './session-store';
import { sessionGuard, SignInRequired } from './session-guard';
import { signInRoutes } from './sign-in';
import { ssoRoutes } from './sso';
import { consolePages } from './pages';

/**
 * The staff console: its own context, so only its routes read a session
 * cookie. Sessions live in PostgreSQL; every form carries a CSRF token and a
 * post from another site is refused before it is read.
 */
export async function consolePlugin(app: FastifyInstance, settings: ConsoleSettings): Promise<void> {
  const { pool, publicUrl, signingKeys } = app;
  const secure = publicUrl.startsWith('https:');
  const publicOrigin = new URL(publicUrl).origin;
  await app.register(fastifyCookie);
  // Only the import form posts a file; its fields arrive as a form's do, the file as a Buffer, before the checks below.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 1, fileSize: 8 * 1024 * 1024, fields: 10 },
  });
  await app.register(fastifySession, {
    // Derived from the link signing keys, so rotating those rotates these, and no further secret is configured.
    secret: signingKeys.map((k) => createHmac('sha256', k.secret).update('console-session').digest('base64url')),
    // __Host- binds the cookie to this exact origin, over https.
    cookieName: secure ? '__Host-trustladder' : 'trustladder',
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: settings.absoluteMs },
    store: new PgSessionStore(pool, settings.idleMs),
    saveUninitialized: false,
    rolling: false,
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  app.decorate('sessionCaller', sessionGuard(pool, settings));

  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    // A form's empty fields mean "not given", as an API caller would leave them out.
    for (const fields of [request.query, request.body] as (Record<string, unknown> | undefined)[])
      if (fields && typeof fields === 'object')
        for (const [name, value] of Object.entries(fields)) if (value === '') delete fields[name];
    if (request.method !== 'POST') return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== publicOrigin)
      throw new HttpProblem(403, 'Forbidden', 'a console form was posted from another site');
    await new Promise<void>((resolve, reject) =>
      app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
    );
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof SignInRequired) {
      const next = request.method === 'GET' ? `next=${encodeURIComponent(request.url)}` : '';
      const query = [next, err.reason === 'expired' ? 'expired=1' : ''].filter(Boolean).join('&');
      return reply.redirect(`/console/sign-in${query ? `?${query}` : ''}`, 303);
    }
    const status = err instanceof HttpProblem ? err.status : (err.statusCode ?? 500);
    // Staff are told what was refused and why; anything unexpected goes to the one error handler.
    if ([400, 403, 404, 409, 410].includes(status)) {
      const t = textsIn(browserLanguage(reply));
      const csrf = err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET';
      return sendConsole(reply, status, 'refused', {
        title: t(`console.refused.${csrf ? 'csrf' : status}`),
        detail: csrf ? t('console.refused.csrfDetail') : err.message,
      });
    }
    return errorHandler(err, request, reply);
  });

  await app.register(signInRoutes, { signInPerHour: settings.signInPerHour, sso: settings.oidc !== undefined });
  if (settings.oidc) await app.register(ssoRoutes, settings.oidc);
  await app.register(consolePages);
}
