import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { workflowIdFor } from '../../domain/contributor-id';
import {
  completeStepUpdate,
  leaveUpdate,
  nominateSponsorUpdate,
  proposePromotionUpdate,
} from '../../workflows/messages';
import { CONTRIBUTOR_ID_PATTERN } from '../../domain/contributor-id';
import { callerOf } from '../auth';
import { contributorView, openPromotion, readyForPromotion, viewWith } from '../contributor-workflows';
import { HttpProblem } from '../problem';
import { ContributorParams, ContributorStatusSchema, problems, StringEnum, textField } from '../schemas';
import { typed } from '../typed';

const STEP_ID = '^[A-Za-z0-9][A-Za-z0-9-]{0,62}$';

/** The team leader's hand in a promotion: proposing it, and recording what only a person can. */
export async function contributorStepRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { temporal, ladders } = app;
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
    async (request, reply) => {
      const { ladderId, lastDecided } = await readyForPromotion(app, request.params.id);
      // The ladder as its file reads now: new document versions apply from this promotion on.
      const started = await temporal.workflow
        .getHandle(workflowIdFor(request.params.id))
        .executeUpdate(proposePromotionUpdate, {
          args: [
            { proposedBy: callerOf(request).id, note: request.body.note, ladder: ladders.get(ladderId), lastDecided },
          ],
        });
      return reply.code(201).send(started);
    },
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
    async (request) => {
      await temporal.workflow.getHandle(workflowIdFor(request.params.id)).executeUpdate(leaveUpdate, {
        args: [{ kind: request.body.kind, reason: request.body.reason, by: callerOf(request).id }],
      });
      return contributorView(app, request.params.id);
    },
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
    async (request) => {
      const { promotionId } = await openPromotion(app, request.params.id);
      return temporal.workflow.getHandle(promotionId).executeUpdate(nominateSponsorUpdate, {
        args: [{ sponsorId: request.body.sponsor, by: callerOf(request).id }],
      });
    },
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
    async (request) => {
      const { check, challenge, result, note } = request.body;
      if ((check === undefined) === (challenge === undefined))
        throw new HttpProblem(400, 'Bad Request', 'body must give exactly one of check or challenge');
      if (challenge !== undefined && !result)
        throw new HttpProblem(400, 'Bad Request', 'body.result is required with a challenge: passed or failed');
      if (check !== undefined && result)
        throw new HttpProblem(400, 'Bad Request', 'body.result is only for a challenge');
      const { status, promotionId } = await openPromotion(app, request.params.id);
      const done = await temporal.workflow.getHandle(promotionId).executeUpdate(completeStepUpdate, {
        args: [
          {
            stepId: check !== undefined ? `check:${check}` : `challenge:${challenge}`,
            actor: { type: 'team-leader', id: callerOf(request).id },
            result,
            note,
          },
        ],
      });
      // The promotion answers with its status: only the contributor's was read, before (a step changes only the promotion).
      return done.view ? viewWith(status, done.view) : contributorView(app, request.params.id);
    },
  );
}
