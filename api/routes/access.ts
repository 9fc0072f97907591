import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../auth';
import { accessShouldAndIs, nameIdentities } from '../use-cases/access';
import { ContributorParams, nameField, Nullable, problems, StringEnum, SYSTEM } from '../schemas';
import { typed } from '../typed';

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
    async (request) => accessShouldAndIs(app, request.params.id),
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
    async (request) => nameIdentities(app, callerOf(request), request.params.id, request.body),
  );
}
