import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { entitlementsBySystem, grantKey, type Grant } from '../../domain/access';
import { workflowIdFor } from '../../domain/contributor-id';
import { inspectAccessWorkflow } from '../../workflows/inspect-access-workflow';
import { setIdentitiesUpdate, statusQuery, type SetIdentitiesInput } from '../../workflows/messages';
import { callerOf } from '../auth';
import { statusOf } from '../workflow-views';
import { notFound } from '../problem';
import { ContributorParams, nameField, Nullable, problems, StringEnum } from '../schemas';
import { typed } from '../typed';
import { contactOf } from '../../store/contributors';

const SYSTEM = '^[a-z][a-z0-9-]{0,31}$';

const AccessRowSchema = Type.Object({
  system: Type.String(),
  entitlement: Type.String(),
  identity: Type.String(),
  should: Type.Boolean({ description: 'Their level carries it' }),
  is: Nullable(Type.Boolean(), { description: 'The system holds it now (null: the system could not be read)' }),
  state: Type.Optional(
    StringEnum(['granted', 'waiting-identity', 'failed'], { description: "Where the workflow's grant stands" }),
  ),
  detail: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});

/** Access as it should be and as it is, and who a contributor is on each system. */
export async function accessRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, temporal, taskQueue, ladders } = app;
  app.get(
    '/v1/contributors/:id/access',
    {
      config: { access: { roles: ['team-leader', 'admin', 'auditor'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Per system, the access a contributor should have and what the system holds now',
        description:
          'Reads every system the ladder names, for every entitlement any level carries there: a grant that should not be there shows too.',
        tags: ['access'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        response: {
          200: Type.Object({
            contributorId: Type.String(),
            level: Nullable(Type.String()),
            access: Type.Array(AccessRowSchema),
          }),
          ...problems(400, 404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const status = await statusOf(app, workflowIdFor(id), statusQuery);
      const email = (await contactOf(pool, id))?.email;
      if (email === undefined) throw notFound('no such contributor');
      const should = new Map((status.access ?? []).map((e) => [grantKey(e), e]));
      const identityOn = (system: string) => status.identities?.[system] ?? email;
      const candidates: Grant[] = [...should.values()];
      for (const [system, entitlements] of entitlementsBySystem(
        [ladders.get(status.ladderId)].filter((l) => l !== undefined),
      )) {
        for (const entitlement of entitlements) {
          const grant = { system, entitlement, identity: identityOn(system) };
          if (!should.has(grantKey(grant))) candidates.push(grant);
        }
      }
      const inspected = await temporal.workflow.execute(inspectAccessWorkflow, {
        taskQueue,
        workflowId: `inspect-access-${id}-${randomUUID()}`,
        args: [candidates],
      });
      return {
        contributorId: id,
        level: status.level,
        access: inspected.map(({ holds, ...g }) => {
          const entry = should.get(grantKey(g));
          return {
            ...g,
            should: entry !== undefined,
            is: holds,
            ...(entry ? { state: entry.state, ...(entry.detail ? { detail: entry.detail } : {}) } : {}),
          };
        }),
      };
    },
  );

  app.put(
    '/v1/contributors/:id/identities',
    {
      config: { access: { roles: ['team-leader'], ladderFrom: 'contributor' } },
      schema: {
        summary: 'Name who the contributor is on other systems (IRC account, wiki user, OTRS login)',
        description:
          'Until named, the email address stands in. A grant waiting for a missing account is tried again at once.',
        tags: ['access'],
        security: [{ apiKey: [] }],
        params: ContributorParams,
        // Names may hold spaces (a MoinMoin user "Ada Lovelace"), not at either end.
        body: Type.Record(
          Type.String({ pattern: SYSTEM }),
          { ...nameField(200), pattern: '^\\S(.*\\S)?$' },
          {
            minProperties: 1,
            maxProperties: 20,
            additionalProperties: false,
          },
        ),
        response: { 200: Type.Record(Type.String(), Type.String()), ...problems(400, 404, 409) },
      },
    },
    async (request) => {
      const input: SetIdentitiesInput = { identities: request.body, by: callerOf(request).id };
      return temporal.workflow
        .getHandle(workflowIdFor(request.params.id))
        .executeUpdate(setIdentitiesUpdate, { args: [input] });
    },
  );
}
