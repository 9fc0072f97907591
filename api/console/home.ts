import type { FastifyInstance } from 'fastify';
import { listDisputes } from '../../store/disputes';
import { listMotions } from '../../store/motions';
import { textsIn } from '../../platform/i18n';
import { browserLanguage } from '../pages/page';
import { typed } from '../typed';
import { sendConsole } from './page';
import { consolePage, consoleSchema } from './route-config';

/**
 * `/console` opens on the signed-in person's work: their ladders (as the
 * layout lists them), the motions and disputes waiting on them.
 */
export async function homePage(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/console',
    {
      config: consolePage(['team-leader', 'board', 'arbitrator', 'auditor', 'admin']),
      schema: consoleSchema('The console: your work', {}),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const staff = request.staff!;
      const holds = (role: string) => staff.roles.some((r) => r.role === role);
      const [motions, disputes] = await Promise.all([
        holds('board') ? listMotions(pool, 'open', null) : [],
        holds('arbitrator') ? listDisputes(pool, 'open', null) : [],
      ]);
      return sendConsole(reply, 200, 'home', {
        title: t('console.home.title', { name: staff.name }),
        board: holds('board') ? motions : undefined,
        arbitration: holds('arbitrator') ? disputes : undefined,
        audit: holds('auditor') || holds('admin'),
      });
    },
  );
}
