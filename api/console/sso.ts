import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import { textsIn } from '../../platform/i18n';
import { staffAccountByEmail } from '../../platform/staff-accounts';
import type { ConsoleSettings } from '../deps';
import { browserLanguage } from '../pages/page';
import { typed } from '../typed';
import { NextField, openSession, sendSignInPage } from './sign-in';

/** Plain http is for a provider on this machine only (a test's, a developer's); anywhere else it must be https. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The provider's configuration, discovered on first use and kept; a failed
 * discovery is tried again at the next sign-in rather than kept.
 */
function discovered(settings: NonNullable<ConsoleSettings['oidc']>): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined;
  return () => {
    const issuer = new URL(settings.issuer);
    pending ??= oidc
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        ...(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
          ? { execute: [oidc.allowInsecureRequests] }
          : {}),
      })
      .catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
    return pending;
  };
}

/**
 * Single sign-on: the authorization code flow with PKCE, state and nonce
 * through openid-client. The person is matched to a staff account by an
 * email address the provider says it has verified.
 */
export async function ssoRoutes(instance: FastifyInstance, settings: NonNullable<ConsoleSettings['oidc']>) {
  const app = typed(instance);
  const { pool, publicUrl, log } = app;
  const configuration = discovered(settings);
  const redirectUri = `${publicUrl}/console/sso/callback`;

  const refuse = (reply: FastifyReply, status: number, key: string) =>
    sendSignInPage(reply, status, { sso: true, problem: textsIn(browserLanguage(reply))(key) });

  app.get(
    '/console/sso',
    {
      config: { page: true, access: { public: true } },
      schema: {
        summary: 'Sign in through the organisation’s OpenID provider',
        tags: ['console'],
        hide: true,
        querystring: Type.Object({ next: NextField }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      let config: oidc.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        log.warn({ err: { message: (err as Error).message } }, 'OpenID provider discovery failed');
        return refuse(reply, 503, 'console.sso.unavailable');
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      request.session.oidc = { state, nonce, verifier, next: request.query.next ?? '/console' };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href, 303);
    },
  );

  app.get(
    '/console/sso/callback',
    {
      config: { page: true, access: { public: true } },
      schema: {
        summary: 'Where the OpenID provider sends the person back',
        tags: ['console'],
        hide: true,
        querystring: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 4096 })),
      },
    },
    async (request, reply) => {
      const pending = request.session.oidc;
      if (!pending) return refuse(reply, 400, 'console.sso.expired');
      delete request.session.oidc;
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(
          await configuration(),
          new URL(request.url, publicUrl),
          {
            pkceCodeVerifier: pending.verifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          },
          { redirect_uri: redirectUri },
        );
        const idToken = tokens.claims()!;
        // Many providers give the email in the ID token; others only at the userinfo endpoint.
        claims =
          idToken.email !== undefined
            ? { ...idToken }
            : { ...(await oidc.fetchUserInfo(await configuration(), tokens.access_token, idToken.sub)) };
      } catch (err) {
        log.warn({ err: { message: (err as Error).message } }, 'single sign-on answer refused');
        return refuse(reply, 400, 'console.sso.failed');
      }
      const email = typeof claims?.email === 'string' ? claims.email : undefined;
      if (!email || claims?.email_verified !== true) return refuse(reply, 403, 'console.sso.unverified');
      const account = await staffAccountByEmail(pool, email);
      if (!account) return refuse(reply, 403, 'console.sso.noAccount');
      await openSession(request, account.id, 'single-sign-on');
      return reply.redirect(pending.next, 303);
    },
  );
}
