import { Type } from '@sinclair/typebox';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { workflowIdFor } from '../../domain/contributor-id';
import { contributorIdFor } from '../../platform/contributor-ids';
import { contributorWorkflow } from '../../workflows/contributor-workflow';
import { onboardingStartedUpdate } from '../../workflows/messages';
import { LADDER_ATTRIBUTE, LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import { callerOf } from '../auth';
import { contributorView } from '../contributor-workflows';
import { conflict, HttpProblem } from '../problem';
import { ContributorParams, ContributorStatusSchema, nameField, problems, StringEnum } from '../schemas';
import { typed } from '../typed';
import { LANGUAGES } from '../../platform/i18n';
import { viewOf } from '../../store/views';
import type { ContributorInput } from '../../workflows/contributor-workflow';
import type { ContributorStatus } from '../../workflows/messages';

/**
 * What an emeritus brings back when onboarded again: the last run's history, credentials and former level. Only
 * someone who stepped down: a revoked person, or one removed as inactive, starts from the beginning.
 */
function emeritusReturning(last: ContributorStatus | undefined): ContributorInput['returning'] {
  if (last?.state !== 'left' || last.leftAs !== 'emeritus') return undefined;
  return { history: last.history, credentials: last.credentials, formerLevel: last.formerLevel };
}

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
  const { temporal, taskQueue, ladders, pool } = app;
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
      const { name, email, ladder, language } = request.body;
      const definition = ladders.get(ladder);
      if (!definition) {
        throw new HttpProblem(
          400,
          'Bad Request',
          `body.ladder: no ladder "${ladder}"; known ladders: ${[...ladders.keys()].join(', ')}`,
        );
      }
      const id = contributorIdFor(ladder, email);
      const workflowId = workflowIdFor(id);
      // How their last time on the ladder ended, if they had one.
      const last = await viewOf<ContributorStatus>(pool, workflowId);
      const returning = emeritusReturning(last);
      let created = true;
      try {
        await temporal.workflow.start(contributorWorkflow, {
          taskQueue,
          workflowId,
          args: [
            {
              contributorId: id,
              ladder: definition,
              name: name.trim(),
              email: email.trim(),
              ...(language ? { language } : {}),
              startedBy: callerOf(request).id,
              ...(returning ? { returning } : {}),
            },
          ],
          typedSearchAttributes: [
            { key: LADDER_ATTRIBUTE, value: ladder },
            { key: LEVEL_ATTRIBUTE, value: 'none' },
            { key: STATE_ATTRIBUTE, value: 'onboarding' },
          ],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        // Someone who has just left is still on their way out (their access being removed): onboard them after.
        if (last?.state === 'left')
          throw conflict(
            'this contributor has just left the ladder and their access is still being removed; try again in a minute',
          );
        created = false;
      }
      // Answer once the onboarding's steps exist, so the next call can act on them.
      await temporal.workflow.getHandle(workflowId).executeUpdate(onboardingStartedUpdate);
      return reply
        .code(created ? 201 : 200)
        .send({ id, workflowId, ladder, created, returning: created && returning !== undefined });
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
