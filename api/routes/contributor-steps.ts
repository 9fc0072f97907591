import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CONTRIBUTOR_ID_PATTERN } from '../../domain/contributor-id';
import { callerOf } from '../auth';
import { nameSponsor, proposeNextLevel, recordStep } from '../use-cases/promotions';
import { leave } from '../use-cases/standing';
import { ContributorParams, ContributorStatusSchema, problems, STEP_ID, StringEnum, textField } from '../schemas';
import { typed } from '../typed';

/** The team leader's hand in a promotion: proposing it, and recording what only a person can. */
export async function contributorStepRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  app.post(
    '/v1/contributors/:id/promotions',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      // The body is optional: a bare POST proposes without a note.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary: 'Propose the contributor for the next level',
        description:
          'Starts a promotion attempt: the candidate is mailed their steps, and the gates of the next level begin. 409 while another attempt is under way or at the top of the ladder.',
        tags: ['promotions'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          { note: Type.Optional(textField(2000, 'Why, for the audit trail')) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ workflowId: Type.String(), target: Type.String() }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeNextLevel(app, callerOf(request), request.params.id, request.body.note)),
  );

  app.post(
    '/v1/contributors/:id/revocations',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Withdraw a promotion, demote one level, step down, or revoke',
        description:
          '`withdraw` ends the promotion under way; `demote` takes the contributor down one level; `step-down` (voluntary) and `revoke` (broken trust) end their time on the ladder at once, withdrawing any promotion under way. Each needs a reason, for the audit trail.',
        tags: ['promotions'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          {
            kind: StringEnum(['withdraw', 'demote', 'step-down', 'revoke']),
            reason: textField(2000, 'Why, for the audit trail', true),
          },
          { additionalProperties: false },
        ),
        response: { 200: ContributorStatusSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => leave(app, callerOf(request), request.params.id, request.body.kind, request.body.reason),
  );

  app.post(
    '/v1/contributors/:id/sponsors',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Name a sponsor for the promotion under way',
        description:
          'The sponsor, a contributor at or above the level the ladder asks, is mailed a link to vouch for the candidate, and answers for them once they do. 409 when the promotion has no open recommendation step, or the sponsor does not qualify.',
        tags: ['promotions'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          { sponsor: Type.String({ pattern: CONTRIBUTOR_ID_PATTERN, description: "The sponsor's contributor id" }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ sponsorId: Type.String(), name: Type.String() }),
          ...problems(400, 404, 409),
        },
      },
    },
    async (request) => nameSponsor(app, callerOf(request), request.params.id, request.body.sponsor),
  );

  app.post(
    '/v1/contributors/:id/checks',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Record a check only a person can make, or a challenge result',
        description:
          'Give `check` (e.g. "assurer") or `challenge` (e.g. "Support-1") with its `result`. A challenge failed more often than the ladder allows fails the promotion attempt. 409 when the step is not open.',
        tags: ['promotions'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          {
            check: Type.Optional(
              Type.String({ pattern: STEP_ID, description: 'A check id from the ladder, e.g. assurer' }),
            ),
            challenge: Type.Optional(
              Type.String({ pattern: STEP_ID, description: 'A challenge id from the ladder, e.g. Support-1' }),
            ),
            result: Type.Optional(StringEnum(['passed', 'failed'], { description: "The challenge's result" })),
            note: Type.Optional(textField(2000, 'Why, for the audit trail')),
          },
          { additionalProperties: false },
        ),
        response: { 200: ContributorStatusSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => recordStep(app, callerOf(request), request.params.id, request.body),
  );
}
