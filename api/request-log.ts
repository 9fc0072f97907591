import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One line a request at info, written when it is answered: what was asked
 * (method, and the URL with link tokens masked), the answer and its time,
 * and who called about whom (log-context.ts adds those). Fastify's line for
 * a request as it arrives, before anyone is known, is kept for debug: at
 * info it doubled every request's logging for nothing a reader needs.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
