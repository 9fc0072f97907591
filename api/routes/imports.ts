import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../auth';
import { problems } from '../schemas';
import { typed } from '../typed';
import { importPeople } from '../use-cases/importing';

/** A file of 20,000 people with a few identities each fits in this. */
const FILE_LIMIT = 8 * 1024 * 1024;

const Grant = Type.Object({
  system: Type.String(),
  entitlement: Type.String(),
  identity: Type.String(),
  state: Type.String({
    enum: ['already there', 'to grant', 'missing account', 'could not read', 'kept beyond the level'],
  }),
  detail: Type.Optional(Type.String()),
});

const Report = Type.Object({
  dryRun: Type.Boolean(),
  sha256: Type.String({ description: "The file's SHA-256, as the audit trail names it" }),
  imported: Type.Integer({ description: 'People brought in by this call' }),
  toImport: Type.Integer({ description: 'People a dry run would bring in' }),
  unchanged: Type.Integer({ description: 'People already on their ladder, left as they are' }),
  people: Type.Array(
    Type.Object({
      line: Type.Integer(),
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      ladder: Type.String(),
      level: Type.String(),
      since: Type.String(),
      outcome: Type.String({ enum: ['imported', 'to import', 'already on the ladder'] }),
      holds: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      access: Type.Optional(Type.Array(Grant)),
    }),
  ),
});

export async function importRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  app.post(
    '/v1/imports',
    {
      bodyLimit: FILE_LIMIT,
      config: { access: { roles: ['team-leader', 'admin'] } },
      schema: {
        summary: 'Bring an existing team onto its ladders',
        description:
          'Takes a CSV or YAML file of people (docs/adoption.md) and puts each at their level without its gates, tenure counted from `since`. Every row is checked first: while any is bad, nothing is imported and the answer lists every problem by line and field. People already on their ladder are left as they are, so the same file sent again changes nothing. With `dryRun` nothing changes and the answer is the plan: per person, per grant their level carries, what the system holds now. A team leader imports to the ladders they lead.',
        tags: ['imports'],
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            file: Type.String({ minLength: 1, maxLength: FILE_LIMIT, description: "The file's text, UTF-8" }),
            fileName: Type.Optional(
              Type.String({
                maxLength: 255,
                pattern: '^[^/\\\\\\u0000-\\u001f]+$',
                description: 'people.csv or people.yaml: tells the format (else the text does) and is audited',
              }),
            ),
            dryRun: Type.Optional(Type.Boolean({ default: false })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Report, ...problems(400, 403) },
      },
    },
    async (request) =>
      importPeople(app, callerOf(request), {
        text: request.body.file,
        ...(request.body.fileName ? { fileName: request.body.fileName } : {}),
        dryRun: request.body.dryRun ?? false,
      }),
  );
}
