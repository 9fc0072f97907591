import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../auth';
import { ladderNamed } from '../ladder-named';
import { ContributorParams, LADDER_ID, nameField, problems, textField } from '../schemas';
import { typed } from '../typed';
import { handOver } from '../use-cases/handover';
import { nameReviewer, reviewersOnLadder, setReviewerCapacity } from '../use-cases/reviewers';

const STAFF_ID = '^[a-f0-9]{16}$';
const LadderParams = Type.Object({ ladder: Type.String({ pattern: LADDER_ID }) }, { additionalProperties: false });
const Person = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() });
const Reviewer = Type.Object({
  staffId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  capacity: Type.Integer({ description: 'Open candidates they review at once' }),
  load: Type.Integer({ description: 'Candidates assigned to them whose entry or promotion is under way' }),
  lead: Type.Boolean({ description: 'Leads the ladder since its handover' }),
});
const OpenItem = Type.Object({
  contributorId: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Type.String(), Type.Null()], { description: 'The level a promotion under way leads to' }),
  waitingSince: Type.String({ format: 'date-time' }),
  review: Type.Union([Type.String(), Type.Null()], { description: 'Why a review is due, when one is' }),
});

export async function ladderRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const ladderOf = (id: string) => ladderNamed(app.ladders, id);

  app.post(
    '/v1/ladders/:ladder/handover',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'path' } },
      schema: {
        summary: 'Hand a ladder over to a new team leader',
        description:
          "From now on the ladder's escalations, reviews and follow-ups go to the successor, who becomes a team leader of the ladder (a staff account is made for them if they have none) and is mailed what is open. The outgoing team leader's role and API keys for the ladder end, unless `keepOutgoing`. Audited as `ladder.handed-over`.",
        tags: ['ladders'],
        security: [{ apiKey: [] }],
        params: LadderParams,
        body: Type.Object(
          {
            to: Type.String({ format: 'email', maxLength: 254, description: "The successor's email" }),
            name: Type.Optional(nameField(200, "The successor's name, for an account made now")),
            keepOutgoing: Type.Optional(
              Type.Boolean({ default: false, description: 'The outgoing team leader keeps their role and keys' }),
            ),
            note: Type.Optional(textField(2000, 'For the successor and the audit trail')),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ladder: Type.String(),
            from: Type.Union([Person, Type.Null()]),
            to: Person,
            outgoingEnded: Type.Boolean(),
            keysRevoked: Type.Array(Type.String()),
            open: Type.Array(OpenItem),
            mailed: Type.Boolean({
              description: 'Whether the successor was mailed what is open (false: the mail could not go)',
            }),
          }),
          ...problems(404, 409),
        },
      },
    },
    async (request) => {
      const result = await handOver(app, callerOf(request), ladderOf(request.params.ladder), request.body);
      return { ...result, open: result.open.map((o) => ({ ...o, waitingSince: o.waitingSince.toISOString() })) };
    },
  );

  app.get(
    '/v1/ladders/:ladder/reviewers',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'path' } },
      schema: {
        summary: "The ladder's reviewers and their load",
        description: 'Every team leader of the ladder reviews candidates, up to their capacity (5 unless set).',
        tags: ['ladders'],
        security: [{ apiKey: [] }],
        params: LadderParams,
        response: { 200: Type.Array(Reviewer), ...problems(404) },
      },
    },
    async (request) => reviewersOnLadder(app, ladderOf(request.params.ladder).id),
  );

  app.put(
    '/v1/ladders/:ladder/reviewers/:staffId',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'path' } },
      schema: {
        summary: 'Set how many open candidates a reviewer takes',
        tags: ['ladders'],
        security: [{ apiKey: [] }],
        params: Type.Object(
          { ladder: Type.String({ pattern: LADDER_ID }), staffId: Type.String({ pattern: STAFF_ID }) },
          { additionalProperties: false },
        ),
        body: Type.Object({ capacity: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false }),
        response: { 200: Reviewer, ...problems(404) },
      },
    },
    async (request) =>
      setReviewerCapacity(
        app,
        callerOf(request),
        ladderOf(request.params.ladder).id,
        request.params.staffId,
        request.body.capacity,
      ),
  );

  app.put(
    '/v1/contributors/:id/reviewer',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'contributor' } },
      schema: {
        summary: "Name a candidate's reviewer",
        description:
          "One of the ladder's team leaders, with room under their capacity (409 when they have none). Reminders and escalations about the candidate go to the reviewer first, then the team leader. Naming another reviewer is audited as a reassignment; naming the same one changes nothing.",
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          { reviewer: Type.String({ pattern: STAFF_ID, description: "The reviewer's staff account id" }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ contributorId: Type.String(), reviewer: Reviewer, changed: Type.Boolean() }),
          ...problems(404, 409),
        },
      },
    },
    async (request) => nameReviewer(app, callerOf(request), request.params.id, request.body.reviewer),
  );
}
