import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { contributorIdFor, workflowIdFor } from '../../domain/contributor-id';
import { contributorWorkflow } from '../../workflows/contributor-workflow';
import { completeStepUpdate, statusQuery } from '../../workflows/messages';
import { LADDER_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import type { AppDeps } from '../app';
import { callerOf } from '../auth';
import { HttpProblem } from '../problem';
import { contributorParams, contributorStatusSchema, problems } from '../schemas';

interface CreateBody {
  name: string;
  email: string;
  ladder: string;
}

interface CheckBody {
  check: string;
  note?: string;
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
        if (err instanceof WorkflowExecutionAlreadyStartedError) return reply.code(200).send({ id, workflowId, ladder, created: false });
        throw err;
      }
      return reply.code(201).send({ id, workflowId, ladder, created: true });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/contributors/:id',
    {
      config: { access: { roles: ['team-leader', 'admin'] } },
      schema: {
        summary: "A contributor's level and the steps done and open",
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        params: contributorParams,
        response: { 200: contributorStatusSchema, ...problems(400, 404) },
      },
    },
    async (request) => temporal.workflow.getHandle(workflowIdFor(request.params.id)).query(statusQuery),
  );

  app.post<{ Params: { id: string }; Body: CheckBody }>(
    '/v1/contributors/:id/checks',
    {
      config: { access: { roles: ['team-leader'] } },
      schema: {
        summary: 'Record a check only a person can make',
        description: 'E.g. that the contributor is a CAcert Assurer. Answers 409 when the check is not open for this contributor.',
        tags: ['contributors'],
        security: [{ apiKey: [] }],
        params: contributorParams,
        body: {
          type: 'object',
          required: ['check'],
          additionalProperties: false,
          properties: {
            check: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The check id from the ladder, e.g. assurer' },
            note: { type: 'string', maxLength: 2000, description: 'Why, for the audit trail' },
          },
        },
        response: { 200: contributorStatusSchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => {
      const handle = temporal.workflow.getHandle(workflowIdFor(request.params.id));
      await handle.executeUpdate(completeStepUpdate, {
        args: [{ stepId: `check:${request.body.check}`, actor: { type: 'team-leader', id: callerOf(request).id }, note: request.body.note }],
      });
      return handle.query(statusQuery);
    },
  );
}
