import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { composeMail } from '../../activities/mail/compose';
import { textsIn, type Language } from '../../platform/i18n';
import { signSignIn, verifySignIn, MAX_TOKEN_LENGTH } from '../../platform/link-token';
import { staffAccountByEmail } from '../../platform/staff-accounts';
import { recordSignInLink, signInLinkUsed, useSignInLink } from '../../store/console-sessions';
import { appendAudit } from '../../store/audit';
import { browserLanguage } from '../pages/page';
import { typed } from '../typed';
import { sendConsole } from './page';

/** How long an emailed sign-in link works. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

/** Where a person may be sent after signing in: a console page, never another site. */
export const NextField = Type.Optional(
  Type.String({ pattern: '^/console(/[A-Za-z0-9/_.%-]*)?(\\?[A-Za-z0-9=&_.%-]*)?$', maxLength: 500 }),
);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Opens a session for the account: a fresh id (never the one used before
 * sign-in), its clocks started, and the sign-in in the audit trail with how
 * it was made.
 */
export async function openSession(
  request: FastifyRequest,
  staffId: string,
  by: 'email-link' | 'single-sign-on',
): Promise<void> {
  await request.session.regenerate();
  const now = Date.now();
  request.session.staffId = staffId;
  request.session.signedInAt = now;
  request.session.seenAt = now;
  await appendAudit(request.server.pool, {
    idempotencyKey: `staff:${staffId}:signed-in:${randomBytes(6).toString('hex')}`,
    actor: `staff:${staffId}`,
    action: 'staff.signed-in',
    details: { staff: staffId, by },
  });
}

/** The sign-in page, perhaps saying why the last attempt did not sign the person in. */
export function sendSignInPage(
  reply: FastifyReply,
  status: number,
  data: { sso: boolean; next?: string; problem?: string; email?: string; notice?: string },
): FastifyReply {
  const t = textsIn(browserLanguage(reply));
  return sendConsole(reply, status, 'sign-in', { title: t('console.signIn.title'), ...data });
}

/**
 * Sign-in without passwords: a person asks with their email and is mailed a
 * link that works once, for 15 minutes. The answer is the same whether or
 * not the address has an account, and the mail goes out after it, so
 * neither words nor timing tell who has one.
 */
export async function signInRoutes(instance: FastifyInstance, opts: { signInPerHour: number; sso: boolean }) {
  const app = typed(instance);
  const { pool, signingKeys, publicUrl, mailer, log } = app;

  /** Mails the account of `email`, if there is one, a link that signs it in once within 15 minutes. */
  async function mailSignInLink(email: string, lang: Language, next: string | undefined): Promise<void> {
    const account = await staffAccountByEmail(pool, email);
    if (!account) return;
    const t = textsIn(lang);
    const id = randomBytes(12).toString('base64url');
    const expiresAt = new Date(Date.now() + SIGN_IN_LINK_TTL_MS);
    await recordSignInLink(pool, { id, staffId: account.id, expiresAt });
    const token = signSignIn({ sid: id, exp: Math.floor(expiresAt.getTime() / 1000) }, signingKeys[0]!);
    const url = `${publicUrl}/console/sign-in/${token}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    const mail = composeMail({
      lang,
      subject: t('console.mail.subject'),
      greeting: t('console.mail.greeting', { name: account.name }),
      intro: [t('console.mail.intro')],
      links: [{ title: t('console.mail.link'), url, notes: [] }],
      closing: [t('console.mail.notYou')],
    });
    await mailer.send({ to: account.email, ...mail, links: [url] });
  }

  const signInPage = (
    reply: FastifyReply,
    status: number,
    data: { next?: string; problem?: string; email?: string; notice?: string },
  ) => sendSignInPage(reply, status, { sso: opts.sso, ...data });

  app.get(
    '/console/sign-in',
    {
      config: { page: true, access: { public: true } },
      schema: {
        summary: 'The console sign-in page',
        tags: ['console'],
        hide: true,
        querystring: Type.Object(
          { next: NextField, out: Type.Optional(Type.Literal('1')), expired: Type.Optional(Type.Literal('1')) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const { next, out, expired } = request.query;
      const notice = out ? t('console.signIn.signedOut') : expired ? t('console.signIn.expired') : undefined;
      return signInPage(reply, 200, { next, notice });
    },
  );

  app.post(
    '/console/sign-in',
    {
      config: {
        page: true,
        access: { public: true },
        rateLimit: { max: opts.signInPerHour, timeWindow: 3_600_000 },
      },
      schema: {
        summary: 'Ask for a sign-in link by email',
        tags: ['console'],
        hide: true,
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }), next: NextField, _csrf: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const lang = browserLanguage(reply);
      const t = textsIn(lang);
      const email = request.body.email.trim();
      if (!EMAIL.test(email))
        return signInPage(reply, 400, { problem: t('console.signIn.notAnEmail'), email, next: request.body.next });
      const next = request.body.next;
      // After the answer, all of it: neither its words nor its timing tell whether the address has an account.
      setImmediate(() => {
        mailSignInLink(email, lang, next).catch((err: unknown) => {
          log.error({ err: { message: (err as Error).message } }, 'sign-in mail not sent');
        });
      });
      return sendConsole(reply, 200, 'sent', { title: t('console.signIn.sentTitle'), email });
    },
  );

  const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH }) });

  /** The link's state before it is used: fine, or the words for why not. */
  async function linkProblem(token: string): Promise<{ sid: string } | { key: string }> {
    const check = verifySignIn(token, signingKeys, Date.now());
    if (!check.ok) return { key: check.reason === 'expired' ? 'console.link.expired' : 'console.link.invalid' };
    if (await signInLinkUsed(pool, check.claims.sid)) return { key: 'console.link.used' };
    return { sid: check.claims.sid };
  }

  // Opening the link only shows a button: mail scanners that fetch links must not use it up.
  app.get(
    '/console/sign-in/:token',
    {
      config: { page: true, access: { public: true } },
      schema: {
        summary: 'The page an emailed sign-in link opens',
        tags: ['console'],
        hide: true,
        params: TokenParams,
        querystring: Type.Object({ next: NextField }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const state = await linkProblem(request.params.token);
      if ('key' in state) return signInPage(reply, 410, { problem: t(state.key) });
      return sendConsole(reply, 200, 'confirm-sign-in', {
        title: t('console.signIn.confirmTitle'),
        action: request.url,
      });
    },
  );

  app.post(
    '/console/sign-in/:token',
    {
      config: { page: true, access: { public: true }, rateLimit: { max: opts.signInPerHour, timeWindow: 3_600_000 } },
      schema: {
        summary: 'Sign in with an emailed link',
        tags: ['console'],
        hide: true,
        params: TokenParams,
        querystring: Type.Object({ next: NextField }, { additionalProperties: false }),
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const state = await linkProblem(request.params.token);
      const staffId = 'sid' in state ? await useSignInLink(pool, state.sid) : undefined;
      if (!staffId) return signInPage(reply, 410, { problem: t('key' in state ? state.key : 'console.link.used') });
      await openSession(request, staffId, 'email-link');
      return reply.redirect(request.query.next ?? '/console', 303);
    },
  );

  app.post(
    '/console/sign-out',
    {
      config: { page: true, access: { public: true } },
      schema: {
        summary: 'Sign out of the console',
        tags: ['console'],
        hide: true,
        body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/console/sign-in?out=1', 303);
    },
  );
}
