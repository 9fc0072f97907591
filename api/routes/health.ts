import type { FastifyInstance } from 'fastify';
import { ping } from '../../store/pool';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { pool, temporal } = app;
  const check = async (probe: () => Promise<unknown>) => {
    try {
      await probe();
      return 'ok' as const;
    } catch {
      return 'unreachable' as const;
    }
  };
  const component = { type: 'string', enum: ['ok', 'unreachable'] };
  const body = {
    type: 'object',
    required: ['status', 'database', 'temporal'],
    properties: { status: { type: 'string' }, database: component, temporal: component },
  };

  app.get(
    '/healthz',
    {
      config: { access: { public: true } },
      schema: {
        summary: 'Ready when the database and Temporal answer',
        tags: ['operations'],
        response: { 200: body, 503: body },
      },
    },
    async (_request, reply) => {
      const [database, temporalState] = await Promise.all([
        check(() => ping(pool)),
        check(() => temporal.connection.workflowService.getSystemInfo({})),
      ]);
      const ok = database === 'ok' && temporalState === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database, temporal: temporalState });
    },
  );
}
