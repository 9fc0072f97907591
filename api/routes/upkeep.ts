import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { workflowIdFor } from '../../domain/contributor-id';
import { signOfLifeUpdate } from '../../workflows/messages';
import { callerOf } from '../auth';
import { contributorView } from '../contributor-workflows';
import { review } from '../use-cases/standing';
import { ContributorParams, ContributorStatusSchema, nameField, problems, StringEnum, textField } from '../schemas';
import { typed } from '../typed';

const REASON = textField(2000, 'Why, for the audit trail', true);

/** Keeping trust current: the team leader's periodic reviews, and signs of life from other systems. */
export async function upkeepRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { temporal } = app;
  app.post(
    '/v1/contributors/:id/reviews',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      schema: {
        summary: "Record a review of a member's access: keep, demote or revoke",
        description:
          "Answers a periodic review (the ladder's `upkeep.reviewEvery`, yearly by default) or a review asked for because a sponsor lost the ladder's trust; a review may also be recorded at any time. `revoke` ends the member's time on the ladder and puts everyone they sponsored up for review.",
        tags: ['upkeep'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          { decision: StringEnum(['keep', 'demote', 'revoke']), reason: REASON },
          { additionalProperties: false },
        ),
        response: { 200: ContributorStatusSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => review(app, callerOf(request), request.params.id, request.body.decision, request.body.reason),
  );

  app.post(
    '/v1/contributors/:id/activity',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Report a sign of life (a login, a contribution)',
        description:
          "Resets the member's inactivity clock: no aliveness ping, warning or removal until the ladder's `upkeep.inactivity` times have passed again. For systems such as a login hook, with their own key.",
        tags: ['upkeep'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        body: Type.Object(
          { source: nameField(200, 'Where the sign of life was seen, e.g. "growthbook login"') },
          { additionalProperties: false },
        ),
        response: { 200: ContributorStatusSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => {
      await temporal.workflow
        .getHandle(workflowIdFor(request.params.id))
        .executeUpdate(signOfLifeUpdate, { args: [{ source: request.body.source, by: callerOf(request).id }] });
      return contributorView(app, request.params.id);
    },
  );
}
