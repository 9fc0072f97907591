import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authenticateApiKey, type Caller } from '../platform/api-keys';
import type { Role } from '../platform/roles';
import { HttpProblem } from './problem';
import type { LadderSource } from './ladder-scope';

/**
 * Every route says who may call it: `roles`, or `public` for the few that
 * prove the caller otherwise (a signed link) or reveal nothing. The API's
 * routes take an API key; the console's (`by: 'session'`) a signed-in
 * session, checked against the same roles. A team leader acts on their own
 * ladder only: `ladderFrom` says where the route finds the ladder it acts on
 * (see ladder-scope.ts).
 */
export type RouteAccess = { roles: Role[]; ladderFrom?: LadderSource; by?: 'key' | 'session' } | { public: true };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller?: Caller;
  }
  interface FastifyInstance {
    /** Who a console session belongs to, acting in one of `roles` (see console/session-guard.ts). */
    sessionCaller?: (request: FastifyRequest, roles: Role[]) => Promise<Caller>;
    /** Every route with who may call it, as declared: for the OpenAPI check and the authorisation matrix test. */
    routeAccess: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('route has no authenticated caller; is its access declared?');
  return request.caller;
}

const unauthorized = (detail: string) =>
  new HttpProblem(401, 'Unauthorized', detail, { 'www-authenticate': 'Bearer realm="trustladder"' });

export const authPlugin = fp(async (app: FastifyInstance) => {
  const { pool } = app;
  async function authenticate(request: FastifyRequest): Promise<void> {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const caller = access.by === 'session' ? await callerOfSession(request, access.roles) : await callerOfKey(request);
    if (!access.roles.includes(caller.role)) {
      throw new HttpProblem(
        403,
        'Forbidden',
        `this route is for ${access.roles.join(' or ')}; ${access.by === 'session' ? 'your role is' : "the key's role is"} ${caller.role}`,
      );
    }
    if (caller.role === 'team-leader' && !caller.ladderId) {
      throw new HttpProblem(
        403,
        'Forbidden',
        "this team leader's key names no ladder; ask an admin for one made with --ladder",
      );
    }
    request.caller = caller;
  }

  function callerOfSession(request: FastifyRequest, roles: Role[]): Promise<Caller> {
    // Only the console's context has sessions: a session route elsewhere fails closed.
    const ofSession = request.server.sessionCaller;
    if (!ofSession) throw new Error(`route ${request.routeOptions.url} takes a session, but has no session guard`);
    return ofSession(request, roles);
  }

  async function callerOfKey(request: FastifyRequest): Promise<Caller> {
    const header = request.headers.authorization;
    if (!header) throw unauthorized('an API key is required: send "Authorization: Bearer <key>"');
    const [scheme, presented] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !presented)
      throw unauthorized('the Authorization header must be "Bearer <key>"');
    const caller = await authenticateApiKey(pool, presented);
    if (!caller) throw unauthorized('the API key is unknown, revoked or expired');
    return caller;
  }

  app.decorate('routeAccess', []);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.startsWith('/docs')) return;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} does not declare who may call it`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.routeAccess.push({ method, url: route.url, access });
    // A route hook, after the rate limit's (registered before this plugin), so guessed keys are counted too.
    route.onRequest = [...[route.onRequest ?? []].flat(), authenticate];
  });
});
