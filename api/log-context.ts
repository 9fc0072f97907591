import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { workflowIdFor } from '../domain/contributor-id';

/** Adds to every later log line of this request, including the one Fastify writes when it answers. */
export function bindLogContext(request: FastifyRequest, reply: FastifyReply, bindings: Record<string, string>): void {
  request.log = request.log.child(bindings);
  // The reply took the request's logger when it was made.
  reply.log = request.log;
}

/**
 * Request log lines name the key that called and, on a contributor's routes,
 * the contributor and their workflow: one search finds what the API, the
 * worker and the audit trail did for a person.
 */
export const logContextPlugin = fp(async (app: FastifyInstance) => {
  // After validation, so the id in the path is well-formed.
  app.addHook('preHandler', async (request, reply) => {
    const bindings: Record<string, string> = {};
    if (request.caller) bindings.keyId = request.caller.id;
    const { id } = (request.params ?? {}) as { id?: string };
    if (id && request.routeOptions.url?.startsWith('/v1/contributors/:id'))
      Object.assign(bindings, { contributorId: id, workflowId: workflowIdFor(id) });
    if (Object.keys(bindings).length > 0) bindLogContext(request, reply, bindings);
  });
});
