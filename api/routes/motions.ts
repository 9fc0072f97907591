import type { FastifyInstance } from 'fastify';
import type { Vote } from '../../domain/motion';
import { voteUpdate } from '../../workflows/messages';
import { callerOf } from '../auth';
import { findMotion, listMotions, type MotionRow } from '../../store/motions';
import { ladderScopeOf } from '../ladder-scope';
import { conflict, notFound } from '../problem';
import { problems, recordParams, textField } from '../schemas';

const tallySchema = {
  type: 'object',
  properties: {
    approve: { type: 'integer' },
    reject: { type: 'integer' },
    abstain: { type: 'integer' },
    block: { type: 'integer' },
  },
};
const motionSchema = {
  type: 'object',
  required: ['id', 'contributorId', 'title', 'state', 'seats', 'quorum', 'tally', 'openedAt'],
  properties: {
    id: { type: 'string' },
    contributorId: { type: 'string' },
    title: { type: 'string' },
    state: { type: 'string', enum: ['open', 'passed', 'rejected', 'withdrawn'] },
    seats: { type: 'integer' },
    quorum: { type: 'integer', description: 'Approvals needed: a majority of the seats' },
    tally: tallySchema,
    openedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const toMotion = (r: MotionRow) => ({
  id: r.id,
  contributorId: r.contributor_id,
  title: r.title,
  state: r.state,
  seats: r.seats,
  quorum: r.quorum,
  tally: r.tally,
  openedAt: r.opened_at.toISOString(),
});

/** The board's business: open motions, and votes on them. */
export async function motionRoutes(app: FastifyInstance): Promise<void> {
  const { pool, temporal } = app;
  app.get<{ Querystring: { status?: string } }>(
    '/v1/motions',
    {
      config: { access: { roles: ['board', 'team-leader'] } },
      schema: {
        summary: 'Board motions, newest first',
        tags: ['board'],
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['open', 'passed', 'rejected', 'withdrawn'] } },
        },
        response: { 200: { type: 'array', items: motionSchema }, ...problems(400) },
      },
    },
    async (request) => {
      // A team leader sees the motions of their own ladder's contributors.
      return (await listMotions(pool, request.query.status ?? null, ladderScopeOf(request))).map(toMotion);
    },
  );

  app.post<{ Params: { id: string }; Body: { vote: Vote; note?: string } }>(
    '/v1/motions/:id/votes',
    {
      config: { access: { roles: ['board'] } },
      schema: {
        summary: 'Vote on a motion',
        description:
          'A majority of the board with no block passes it; a block vetoes it. 409 for a second vote, a vote on your own case, or a decided motion.',
        tags: ['board'],
        security: [{ apiKey: [] }],
        params: recordParams,
        body: {
          type: 'object',
          required: ['vote'],
          additionalProperties: false,
          properties: {
            vote: { type: 'string', enum: ['approve', 'reject', 'abstain', 'block'] },
            note: textField(2000, 'Why, for the board and the audit trail'),
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              state: { type: 'string' },
              tally: tallySchema,
              quorum: { type: 'integer' },
            },
          },
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => {
      const motion = await findMotion(pool, request.params.id);
      if (!motion) throw notFound('no such motion');
      if (motion.state !== 'open') throw conflict(`the motion is already ${motion.state}`);
      const caller = callerOf(request);
      return temporal.workflow.getHandle(motion.workflow_id).executeUpdate(voteUpdate, {
        args: [
          {
            voter: { keyId: caller.id, contributorId: caller.contributorId ?? undefined },
            vote: request.body.vote,
            note: request.body.note,
          },
        ],
      });
    },
  );
}
