import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { contributorIdFor, workflowIdFor } from '../../domain/contributor-id';
import { contributorWorkflow } from '../../workflows/contributor-workflow';
import { onboardingStartedUpdate } from '../../workflows/messages';
import { LADDER_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import type { AppDeps } from '../app';
import { callerOf } from '../auth';
import { contributorView } from '../contributor-workflows';
import { HttpProblem } from '../problem';
import { contributorParams, contributorStatusSchema, problems } from '../schemas';

interface CreateBody {
  name: string;
  email: string;
  ladder: string;
}

const created = {
  type: 'object',
  required: ['id', 'workflowId', 'ladder', 'created'],
  properties: {
    id: { type: 'string' },
    workflowId: { type: 'string' },
    ladder: { type: 'string' },
    created: { type: 'boolean', description: 'false when this contributor was already on the ladder' },
  },
} as const;

export async function contributorRoutes(app: FastifyInstance, { temporal, taskQueue, ladders }: AppDeps): Promise<void> {
  app.post<{ Body: CreateBody }>(
    '/v1/contributors',
    {
      config: { access: { roles: ['team-leader'] } },
      schema: {
        summary: "Start a contributor's onboarding",
        description: 'Starts the contributor on the ladder and sends the welcome email. Repeating the request for the same ladder and email returns the same contributor.',
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        body: {
          type: 'object',
          required: ['name', 'email', 'ladder'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            email: { type: 'string', format: 'email', maxLength: 254 },
            ladder: { type: 'string', minLength: 1, maxLength: 63, description: 'Ladder id, e.g. cacert-support' },
          },
        },
        response: { 200: created, 201: created, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { name, email, ladder } = request.body;
      const definition = ladders.get(ladder);
      if (!definition) {
        throw new HttpProblem(400, 'Bad Request', `body.ladder: no ladder "${ladder}"; known ladders: ${[...ladders.keys()].join(', ')}`);
      }
      const id = contributorIdFor(ladder, email);
      const workflowId = workflowIdFor(id);
      let created = true;
      try {
        await temporal.workflow.start(contributorWorkflow, {
          taskQueue,
          workflowId,
          args: [{ contributorId: id, ladder: definition, name: name.trim(), email: email.trim(), startedBy: callerOf(request).id }],
          typedSearchAttributes: [
            { key: LADDER_ATTRIBUTE, value: ladder },
            { key: STATE_ATTRIBUTE, value: 'onboarding' },
          ],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        created = false;
      }
      // Answer once the onboarding's steps exist, so the next call can act on them.
      await temporal.workflow.getHandle(workflowId).executeUpdate(onboardingStartedUpdate);
      return reply.code(created ? 201 : 200).send({ id, workflowId, ladder, created });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/contributors/:id',
    {
      config: { access: { roles: ['team-leader', 'admin'] } },
      schema: {
        summary: "A contributor's level, history, and the steps of the current promotion",
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        params: contributorParams,
        response: { 200: contributorStatusSchema, ...problems(400, 404) },
      },
    },
    async (request) => contributorView(temporal, request.params.id),
  );
}
