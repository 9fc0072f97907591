import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { readAllAudit, readAudit, verifyAuditChain, type AuditRow } from '../../store/audit';
import { csvLine } from '../csv';
import { AuditFilterFields, AuditRowSchema } from '../audit-schemas';
import { Nullable, StringEnum } from '../schemas';
import { typed } from '../typed';

const access = { roles: ['admin', 'auditor'] } as const;
/** Text on the wire, streamed as it is read. */
const Download = Type.Unsafe<Readable>({ type: 'string' });
const PAGE_MAX = 500;

/** The columns of a CSV export: every field of a row, in the document's order. */
const CSV_COLUMNS = Object.keys(AuditRowSchema.properties) as (keyof AuditRow)[];

/** The trail as lines of NDJSON or CSV, streamed as they are read: for the API's export and the console's. */
export async function* exportLines(rows: AsyncGenerator<AuditRow>, format: 'ndjson' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const row of rows)
    yield format === 'csv' ? csvLine(CSV_COLUMNS.map((c) => row[c])) : `${JSON.stringify(row)}\n`;
}

/** The audit trail, read-only: for admins, and for auditors who can do nothing else. */
export async function auditRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  app.get(
    '/v1/audit',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'The audit trail, oldest first, a page at a time',
        description:
          'Pass `next` back as `after` for the following page. Every row carries its place in the hash chain.',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        querystring: Type.Object(
          {
            ...AuditFilterFields,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_MAX, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            events: Type.Array(AuditRowSchema),
            next: Nullable(Type.String(), { description: 'The `after` of the next page; null on the last' }),
          }),
        },
      },
    },
    async (request) => {
      const { limit = 100, ...filter } = request.query;
      const events = await readAudit(pool, filter, limit);
      return { events, next: events.length === limit ? events[events.length - 1]!.seq : null };
    },
  );

  app.get(
    '/v1/audit/export',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Every matching audit event as one download (NDJSON or CSV)',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        querystring: Type.Object(
          { ...AuditFilterFields, format: Type.Optional(StringEnum(['ndjson', 'csv'], { default: 'ndjson' })) },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'One event per line, in the format asked for',
            content: {
              'application/x-ndjson': { schema: Download },
              'text/csv': { schema: Download },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { format = 'ndjson', ...filter } = request.query;
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header(
          'content-disposition',
          `attachment; filename="trustladder-audit.${format === 'csv' ? 'csv' : 'ndjson'}"`,
        )
        .header('cache-control', 'no-store')
        .send(Readable.from(exportLines(readAllAudit(pool, filter), format)));
    },
  );

  app.get(
    '/v1/audit/verification',
    {
      config: { access: { roles: [...access.roles] } },
      schema: {
        summary: 'Checks the whole hash chain now, as `npm run audit -- verify` does',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            rows: Type.Integer(),
            purged: Type.Integer(),
            head: Type.String({
              description: "The last row's hash: keep it, and a later check shows nothing was cut off the end",
            }),
            problems: Type.Array(Type.Object({ seq: Type.String(), problem: Type.String() })),
          }),
        },
      },
    },
    async () => verifyAuditChain(pool),
  );
}
