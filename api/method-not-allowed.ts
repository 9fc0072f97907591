import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problem';

/**
 * A known path asked with a method it does not take (TRACE, QUERY, a PUT on a
 * list) is answered 405 with the methods it does take in Allow, as RFC 9110
 * asks; only a path no route knows is a 404. Answered before the body is read.
 */
export const methodNotAllowedPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (!request.is404) return;
    const allowed = app.paths.lookup(request.url)?.methods;
    if (!allowed) return;
    const allow = [...allowed].sort().join(', ');
    throw new HttpProblem(405, 'Method Not Allowed', `${request.method} is not taken here; this path takes ${allow}`, {
      allow,
    });
  });
});
