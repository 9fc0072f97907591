import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findMotion, listMotions } from '../../store/motions';
import { textsIn } from '../../platform/i18n';
import { callerOf } from '../auth';
import { ladderScopeOf } from '../ladder-scope';
import { browserLanguage } from '../pages/page';
import { notFound } from '../problem';
import { RecordParams, StringEnum, textField } from '../schemas';
import { typed } from '../typed';
import { castVote } from '../use-cases/board';
import { dossierOf } from './dossier';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

/** The board's place: open motions, each opening on the candidate's dossier with the four votes. */
export async function boardPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/console/motions',
    { config: consolePage(['board', 'team-leader']), schema: consoleSchema('Board motions', {}) },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const motions = await listMotions(pool, null, ladderScopeOf(request));
      return sendConsole(reply, 200, 'motions', {
        title: t('console.motions.title'),
        open: motions.filter((m) => m.state === 'open'),
        decided: motions.filter((m) => m.state !== 'open'),
      });
    },
  );

  app.get(
    '/console/motions/:id',
    {
      config: consolePage(['board', 'team-leader']),
      schema: consoleSchema("A motion with the candidate's dossier", {
        params: RecordParams,
        querystring: Type.Object({ voted: Type.Optional(Type.Literal('1')) }, { additionalProperties: false }),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const motion = await findMotion(pool, request.params.id);
      const scope = ladderScopeOf(request);
      if (!motion) throw notFound('no such motion');
      const dossier = await dossierOf(app, motion.contributor_id);
      if (scope && dossier.view.ladderId !== scope) throw notFound('no such motion');
      const caller = callerOf(request);
      return sendConsole(reply, 200, 'motion', {
        title: t('console.motion.title', { name: dossier.name }),
        motion,
        dossier,
        canVote: caller.role === 'board' && motion.state === 'open',
        ownCase: caller.contributorId === motion.contributor_id,
        recorded: request.query.voted === '1',
      });
    },
  );

  app.post(
    '/console/motions/:id/votes',
    {
      config: consolePage(['board']),
      schema: consoleSchema('Vote on a motion', {
        params: RecordParams,
        body: Type.Object(
          {
            vote: StringEnum(['approve', 'reject', 'abstain', 'block']),
            note: Type.Optional(textField(2000, 'Why')),
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { vote, note } = request.body;
      await castVote(app, callerOf(request), request.params.id, { vote, note: note?.trim() || undefined });
      return reply.redirect(`/console/motions/${request.params.id}?voted=1`, 303);
    },
  );
}
