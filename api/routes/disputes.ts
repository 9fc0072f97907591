import type { FastifyInstance } from 'fastify';
import { verdictUpdate } from '../../workflows/messages';
import { callerOf } from '../auth';
import { findDispute, listDisputes } from '../../store/disputes';
import { ladderScopeOf } from '../ladder-scope';
import { conflict, notFound } from '../problem';
import { problems, recordParams, textField } from '../schemas';

const STATES = ['open', 'positive', 'negative', 'timed-out', 'withdrawn'];
const disputeSchema = {
  type: 'object',
  required: ['id', 'contributorId', 'state', 'filedWith', 'subject', 'filedAt'],
  properties: {
    id: { type: 'string' },
    contributorId: { type: 'string' },
    state: { type: 'string', enum: STATES },
    filedWith: { type: 'string' },
    subject: { type: 'string' },
    filedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Arbitration's business: background-check disputes and their verdicts. */
export async function disputeRoutes(app: FastifyInstance): Promise<void> {
  const { pool, temporal } = app;
  app.get<{ Querystring: { status?: string } }>(
    '/v1/disputes',
    {
      config: { access: { roles: ['arbitrator', 'team-leader'] } },
      schema: {
        summary: 'Background-check disputes, newest first',
        tags: ['arbitration'],
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: STATES } },
        },
        response: { 200: { type: 'array', items: disputeSchema }, ...problems(400) },
      },
    },
    async (request) => {
      // A team leader sees the disputes of their own ladder's contributors.
      const rows = await listDisputes(pool, request.query.status ?? null, ladderScopeOf(request));
      return rows.map((r) => ({
        id: r.id,
        contributorId: r.contributor_id,
        state: r.state,
        filedWith: r.filed_with,
        subject: r.subject,
        filedAt: r.filed_at.toISOString(),
      }));
    },
  );

  app.post<{ Params: { id: string }; Body: { verdict: 'positive' | 'negative'; note?: string } }>(
    '/v1/disputes/:id/verdict',
    {
      config: { access: { roles: ['arbitrator'] } },
      schema: {
        summary: "Record arbitration's verdict on a background check",
        description:
          'A positive verdict passes the Arbitrated Background Check; a negative one fails the promotion attempt. 409 when the dispute already has a verdict or its promotion is over.',
        tags: ['arbitration'],
        security: [{ apiKey: [] }],
        params: recordParams,
        body: {
          type: 'object',
          required: ['verdict'],
          additionalProperties: false,
          properties: {
            verdict: { type: 'string', enum: ['positive', 'negative'] },
            note: textField(4000, "The verdict's reasons"),
          },
        },
        response: {
          200: { type: 'object', properties: { id: { type: 'string' }, state: { type: 'string', enum: STATES } } },
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => {
      const dispute = await findDispute(pool, request.params.id);
      if (!dispute) throw notFound('no such dispute');
      if (dispute.state !== 'open') throw conflict(`the dispute is already ${dispute.state}`);
      return temporal.workflow.getHandle(dispute.workflow_id).executeUpdate(verdictUpdate, {
        args: [{ arbitrator: callerOf(request).id, verdict: request.body.verdict, note: request.body.note }],
      });
    },
  );
}
