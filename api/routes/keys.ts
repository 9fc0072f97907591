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
import { ROLES, type Role } from '../../platform/roles';
import { callerOf } from '../auth';
import { conflict, HttpProblem, notFound } from '../problem';
import { nameField, problems } from '../schemas';

const access = { roles: ['admin'] } as const;
const keyIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[a-f0-9]{16}$' } },
} as const;

const keySchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'ladder', 'contributorId', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    ladder: { type: ['string', 'null'], description: "A team leader's ladder; null for organisation-wide roles" },
    contributorId: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

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

interface CreateKeyBody {
  role: Role;
  name: string;
  ladder?: string;
  contributor?: string;
  expiresInDays?: number;
}

/** API keys, for admins: the same as `npm run keys`, for those who run no shell on the server. */
export async function keyRoutes(app: FastifyInstance): Promise<void> {
  const { pool, ladders } = app;
  app.get(
    '/v1/keys',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Every API key, active or not (never the secret)',
        tags: ['keys'],
        security: [{ apiKey: [] }],
        response: { 200: { type: 'array', items: keySchema }, ...problems() },
      },
    },
    async () => (await listApiKeys(pool)).map(toKey),
  );

  app.post<{ Body: CreateKeyBody }>(
    '/v1/keys',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Create a key; the key itself is in this answer only',
        description: "A team leader's key names the one ladder it acts on; other roles act organisation-wide.",
        tags: ['keys'],
        security: [{ apiKey: [] }],
        body: {
          type: 'object',
          required: ['role', 'name'],
          additionalProperties: false,
          properties: {
            role: { type: 'string', enum: [...ROLES] },
            name: nameField(200, 'Whose key this is'),
            ladder: { type: 'string', minLength: 1, maxLength: 63 },
            contributor: {
              type: 'string',
              pattern: CONTRIBUTOR_ID_PATTERN,
              description: 'The contributor who holds the key, so they never act on their own case',
            },
            expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'key'],
            properties: { id: { type: 'string' }, key: { type: 'string' } },
          },
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

  app.post<{ Params: { id: string } }>(
    '/v1/keys/:id/revocation',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Revoke a key at once',
        tags: ['keys'],
        security: [{ apiKey: [] }],
        params: keyIdParams,
        response: { 200: keySchema, ...problems(400, 404, 409) },
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
