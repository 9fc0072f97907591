import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CONTRIBUTOR_ID_PATTERN } from '../../domain/contributor-id';
import {
  createApiKey,
  findApiKey,
  listApiKeys,
  newKeyProblem,
  revokeApiKey,
  type ApiKeyRecord,
} from '../../platform/api-keys';
import { ROLES } from '../../platform/roles';
import { callerOf } from '../auth';
import { conflict, HttpProblem, notFound } from '../problem';
import { DateTime, nameField, Nullable, problems, StringEnum } from '../schemas';
import { typed } from '../typed';

const access = { roles: ['admin'] } as const;
const KeyIdParams = Type.Object({ id: Type.String({ pattern: '^[a-f0-9]{16}$' }) }, { additionalProperties: false });

const KeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: StringEnum(ROLES),
  ladder: Nullable(Type.String(), { description: "A team leader's ladder; null for organisation-wide roles" }),
  contributorId: Nullable(Type.String()),
  createdAt: DateTime(),
  expiresAt: Nullable(DateTime()),
  revokedAt: Nullable(DateTime()),
});

const toKey = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  ladder: k.ladderId,
  contributorId: k.contributorId,
  createdAt: k.createdAt.toISOString(),
  expiresAt: k.expiresAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** API keys, for admins: the same as `npm run keys`, for those who run no shell on the server. */
export async function keyRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, ladders } = app;
  app.get(
    '/v1/keys',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Every API key, active or not (never the secret)',
        tags: ['keys'],
        security: [{ apiKey: [] }],
        response: { 200: Type.Array(KeySchema), ...problems() },
      },
    },
    async () => (await listApiKeys(pool)).map(toKey),
  );

  app.post(
    '/v1/keys',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Create a key; the key itself is in this answer only',
        description: "A team leader's key names the one ladder it acts on; other roles act organisation-wide.",
        tags: ['keys'],
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            role: StringEnum(ROLES),
            name: nameField(200, 'Whose key this is'),
            ladder: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
            contributor: Type.Optional(
              Type.String({
                pattern: CONTRIBUTOR_ID_PATTERN,
                description: 'The contributor who holds the key, so they never act on their own case',
              }),
            ),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), key: Type.String() }),
          ...problems(400),
        },
      },
    },
    async (request, reply) => {
      const { role, name, ladder, contributor, expiresInDays } = request.body;
      const input = {
        role,
        name: name.trim(),
        ladderId: ladder,
        contributorId: contributor,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : undefined,
      };
      const problem = newKeyProblem(input);
      if (problem) throw new HttpProblem(400, 'Bad Request', `body.ladder: ${problem}`);
      if (ladder && !ladders.has(ladder))
        throw new HttpProblem(
          400,
          'Bad Request',
          `body.ladder: no ladder "${ladder}"; known ladders: ${[...ladders.keys()].join(', ')}`,
        );
      const created = await createApiKey(pool, input, `admin:${callerOf(request).id}`);
      request.log.info({ keyId: created.id, role, by: callerOf(request).id }, 'api key created');
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/v1/keys/:id/revocation',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Revoke a key at once',
        tags: ['keys'],
        security: [{ apiKey: [] }],
        params: KeyIdParams,
        response: { 200: KeySchema, ...problems(400, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await findApiKey(pool, id))) throw notFound('no such key');
      const revoked = await revokeApiKey(pool, id, `admin:${callerOf(request).id}`);
      if (!revoked) throw conflict('this key is already revoked');
      request.log.info({ keyId: id, by: callerOf(request).id }, 'api key revoked');
      return toKey(revoked);
    },
  );
}
