import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { LADDER_ATTRIBUTE, LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import { callerOf } from '../auth';
import { contributorView } from '../contributor-workflows';
import { ContributorParams, ContributorStatusSchema, nameField, problems, StringEnum } from '../schemas';
import { typed } from '../typed';
import { LANGUAGES } from '../../platform/i18n';
import { onboard } from '../use-cases/onboarding';
import { HttpProblem } from '../problem';

const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

const Created = Type.Object({
  id: Type.String(),
  workflowId: Type.String(),
  ladder: Type.String(),
  created: Type.Boolean({ description: 'false when this contributor was already on the ladder' }),
  returning: Type.Boolean({
    description: "true when an emeritus returns: they take their former level's return path, keeping their history",
  }),
});

export async function contributorRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { temporal, ladders } = app;
  app.post(
    '/v1/contributors',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'body' } },
      schema: {
        summary: "Start a contributor's onboarding",
        description:
          'Starts the contributor on the ladder and sends the welcome email. Repeating the request for the same ladder and email returns the same contributor. Someone who stepped down (an emeritus) returns by the `return:` path of the level they held, keeping their history, agreements and sponsorships; someone whose trust was revoked starts from the first level.',
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            name: nameField(200, 'The name the contributor goes by'),
            email: Type.String({ format: 'email', maxLength: 254 }),
            ladder: Type.String({ minLength: 1, maxLength: 63, description: 'Ladder id, e.g. cacert-support' }),
            language: Type.Optional(
              StringEnum([...LANGUAGES], {
                description: "The language of the contributor's mail and pages; default: the ladder file's, else en",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Created, 201: Created, ...problems(400, 409) },
      },
    },
    async (request, reply) => {
      const { ladder, ...newcomer } = request.body;
      const definition = ladders.get(ladder);
      if (!definition)
        throw new HttpProblem(
          400,
          'Bad Request',
          `body.ladder: no ladder "${ladder}"; known ladders: ${[...ladders.keys()].join(', ')}`,
        );
      const onboarded = await onboard(app, callerOf(request), { ...newcomer, ladder: definition });
      return reply.code(onboarded.created ? 201 : 200).send(onboarded);
    },
  );

  app.get(
    '/v1/contributors',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'query' } },
      schema: {
        summary: 'Contributors on a ladder, by level and state',
        description:
          "Read from Temporal's visibility (search attributes), so a list never scans the workflows; it may lag a change by a moment. Lists contributors still on a ladder, at most 1,000.",
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        querystring: Type.Object(
          {
            ladder: Type.Optional(Type.String({ pattern: ID_PATTERN })),
            level: Type.Optional(
              Type.String({
                pattern: ID_PATTERN,
                description: 'A level id, or "none" for those not yet at the entry level',
              }),
            ),
            state: Type.Optional(StringEnum(['onboarding', 'active', 'promoting'])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              ladder: Type.Optional(Type.String()),
              level: Type.String(),
              state: Type.Optional(Type.String()),
            }),
          ),
          ...problems(400),
        },
      },
    },
    async (request) => {
      const { ladder, level, state } = request.query;
      // Values are checked against ID_PATTERN or an enum above, so they cannot break out of the quotes.
      const filters = [
        `WorkflowType = 'contributorWorkflow'`,
        `ExecutionStatus = 'Running'`,
        ladder && `${LADDER_ATTRIBUTE.name} = '${ladder}'`,
        level && `${LEVEL_ATTRIBUTE.name} = '${level}'`,
        state && `${STATE_ATTRIBUTE.name} = '${state}'`,
      ].filter(Boolean);
      const found = [];
      for await (const execution of temporal.workflow.list({ query: filters.join(' AND '), pageSize: 200 })) {
        found.push({
          id: execution.workflowId.replace(/^contributor-/, ''),
          ladder: execution.typedSearchAttributes.get(LADDER_ATTRIBUTE),
          level: execution.typedSearchAttributes.get(LEVEL_ATTRIBUTE) ?? 'none',
          state: execution.typedSearchAttributes.get(STATE_ATTRIBUTE),
        });
        if (found.length >= 1_000) break;
      }
      return found;
    },
  );

  app.get(
    '/v1/contributors/:id',
    {
      config: { access: { roles: ['team-leader', 'admin'], ladderFrom: 'contributor' } },
      schema: {
        summary: "A contributor's level, history, and the steps of the current promotion",
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        response: { 200: ContributorStatusSchema, ...problems(400, 404) },
      },
    },
    async (request) => contributorView(app, request.params.id),
  );
}
