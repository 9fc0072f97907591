import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ping } from '../../store/pool';
import { StringEnum } from '../schemas';
import { typed } from '../typed';

const Component = StringEnum(['ok', 'unreachable']);
const Health = Type.Object({ status: StringEnum(['ok', 'unavailable']), database: Component, temporal: Component });

export async function healthRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, temporal } = app;
  const check = async (probe: () => Promise<unknown>) => {
    try {
      await probe();
      return 'ok' as const;
    } catch {
      return 'unreachable' as const;
    }
  };

  app.get(
    '/healthz',
    {
      config: { access: { public: true } },
      schema: {
        summary: 'Ready when the database and Temporal answer',
        tags: ['operations'],
        response: { 200: Health, 503: Health },
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
