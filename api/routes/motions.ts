import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../auth';
import { listMotions, type MotionRow } from '../../store/motions';
import { ladderScopeOf } from '../ladder-scope';
import { castVote } from '../use-cases/board';
import { DateTime, problems, RecordParams, StatementSchema, StringEnum, textField } from '../schemas';
import { typed } from '../typed';

const MOTION_STATES = ['open', 'passed', 'rejected', 'withdrawn'] as const;
const TallySchema = Type.Object({
  approve: Type.Integer(),
  reject: Type.Integer(),
  abstain: Type.Integer(),
  block: Type.Integer(),
});
const MotionSchema = Type.Object({
  id: Type.String(),
  contributorId: Type.String(),
  title: Type.String(),
  state: StringEnum(MOTION_STATES),
  seats: Type.Integer(),
  quorum: Type.Integer({ description: 'Approvals needed: a majority of the seats' }),
  tally: TallySchema,
  openedAt: DateTime(),
  statements: Type.Array(StatementSchema, {
    description: "What the candidate's sponsors and peers wrote with their vouch or vote",
  }),
});

const toMotion = (r: MotionRow) => ({
  id: r.id,
  contributorId: r.contributor_id,
  title: r.title,
  state: r.state,
  seats: r.seats,
  quorum: r.quorum,
  tally: r.tally,
  openedAt: r.opened_at.toISOString(),
  statements: r.statements ?? [],
});

/** The board's business: open motions, and votes on them. */
export async function motionRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/v1/motions',
    {
      config: { access: { roles: ['board', 'team-leader'] } },
      schema: {
        summary: 'Board motions, newest first',
        tags: ['board'],
        security: [{ apiKey: [] }],
        querystring: Type.Object({ status: Type.Optional(StringEnum(MOTION_STATES)) }, { additionalProperties: false }),
        response: { 200: Type.Array(MotionSchema), ...problems(400) },
      },
    },
    async (request) => {
      // A team leader sees the motions of their own ladder's contributors.
      return (await listMotions(pool, request.query.status ?? null, ladderScopeOf(request))).map(toMotion);
    },
  );

  app.post(
    '/v1/motions/:id/votes',
    {
      config: { access: { roles: ['board'] } },
      schema: {
        summary: 'Vote on a motion',
        description:
          'A majority of the board with no block passes it; a block vetoes it, and needs its reason in `note`. 409 for a second vote, a vote on your own case, or a decided motion.',
        tags: ['board'],
        security: [{ apiKey: [] }],
        params: RecordParams,
        body: Type.Object(
          {
            vote: StringEnum(['approve', 'reject', 'abstain', 'block']),
            note: Type.Optional(textField(2000, 'Why, for the board and the audit trail')),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            state: StringEnum(MOTION_STATES),
            tally: TallySchema,
            quorum: Type.Integer(),
          }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => castVote(app, callerOf(request), request.params.id, request.body),
  );
}
