import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../auth';
import { listDisputes } from '../../store/disputes';
import { ladderScopeOf } from '../ladder-scope';
import { recordVerdict } from '../use-cases/arbitration';
import { DateTime, problems, RecordParams, StringEnum, textField } from '../schemas';
import { typed } from '../typed';

const STATES = ['open', 'positive', 'negative', 'timed-out', 'withdrawn'] as const;
const DisputeSchema = Type.Object({
  id: Type.String(),
  contributorId: Type.String(),
  state: StringEnum(STATES),
  filedWith: Type.String(),
  subject: Type.String(),
  filedAt: DateTime(),
});

/** Arbitration's business: background-check disputes and their verdicts. */
export async function disputeRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/v1/disputes',
    {
      config: { access: { roles: ['arbitrator', 'team-leader'] } },
      schema: {
        summary: 'Background-check disputes, newest first',
        tags: ['arbitration'],
        security: [{ apiKey: [] }],
        querystring: Type.Object({ status: Type.Optional(StringEnum(STATES)) }, { additionalProperties: false }),
        response: { 200: Type.Array(DisputeSchema), ...problems(400) },
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

  app.post(
    '/v1/disputes/:id/verdict',
    {
      config: { access: { roles: ['arbitrator'] } },
      schema: {
        summary: "Record arbitration's verdict on a background check",
        description:
          'A positive verdict passes the Arbitrated Background Check; a negative one fails the promotion attempt. 409 when the dispute already has a verdict or its promotion is over.',
        tags: ['arbitration'],
        security: [{ apiKey: [] }],
        params: RecordParams,
        body: Type.Object(
          {
            verdict: StringEnum(['positive', 'negative']),
            note: Type.Optional(textField(4000, "The verdict's reasons")),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), state: StringEnum(STATES) }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => recordVerdict(app, callerOf(request), request.params.id, request.body),
  );
}
