import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findDispute, listDisputes } from '../../store/disputes';
import { textsIn } from '../../platform/i18n';
import { callerOf } from '../auth';
import { ladderScopeOf } from '../ladder-scope';
import { browserLanguage } from '../pages/page';
import { notFound } from '../problem';
import { RecordParams, StringEnum, textField } from '../schemas';
import { typed } from '../typed';
import { recordVerdict } from '../use-cases/arbitration';
import { dossierOf } from './dossier';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

/** Arbitration's place: open disputes, and the verdict form. */
export async function arbitrationPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/console/disputes',
    { config: consolePage(['arbitrator', 'team-leader']), schema: consoleSchema('Disputes', {}) },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const disputes = await listDisputes(pool, null, ladderScopeOf(request));
      return sendConsole(reply, 200, 'disputes', {
        title: t('console.disputes.title'),
        open: disputes.filter((d) => d.state === 'open'),
        decided: disputes.filter((d) => d.state !== 'open'),
      });
    },
  );

  app.get(
    '/console/disputes/:id',
    {
      config: consolePage(['arbitrator', 'team-leader']),
      schema: consoleSchema('A dispute and its verdict form', {
        params: RecordParams,
        querystring: Type.Object({ decided: Type.Optional(Type.Literal('1')) }, { additionalProperties: false }),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const dispute = await findDispute(pool, request.params.id);
      if (!dispute) throw notFound('no such dispute');
      const dossier = await dossierOf(app, dispute.contributor_id);
      const scope = ladderScopeOf(request);
      if (scope && dossier.view.ladderId !== scope) throw notFound('no such dispute');
      return sendConsole(reply, 200, 'dispute', {
        title: t('console.dispute.title', { name: dossier.name }),
        dispute,
        dossier,
        canDecide: callerOf(request).role === 'arbitrator' && dispute.state === 'open',
        recorded: request.query.decided === '1',
      });
    },
  );

  app.post(
    '/console/disputes/:id/verdict',
    {
      config: consolePage(['arbitrator']),
      schema: consoleSchema('Record a verdict', {
        params: RecordParams,
        body: Type.Object(
          { verdict: StringEnum(['positive', 'negative']), note: Type.Optional(textField(4000, 'Why')), ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { verdict, note } = request.body;
      await recordVerdict(app, callerOf(request), request.params.id, { verdict, note: note?.trim() || undefined });
      return reply.redirect(`/console/disputes/${request.params.id}?decided=1`, 303);
    },
  );
}
