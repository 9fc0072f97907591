import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { textsIn } from '../../platform/i18n';
import { readAllAudit, readAudit, verifyAuditChain } from '../../store/audit';
import { AuditFilterFields } from '../audit-schemas';
import { browserLanguage } from '../pages/page';
import { exportLines } from '../routes/audit';
import { typed } from '../typed';
import { sendConsole } from './page';
import { consolePage, consoleSchema } from './route-config';

const PAGE = 100;
const Filter = Type.Object(
  { contributor: AuditFilterFields.contributor, action: AuditFilterFields.action, actor: AuditFilterFields.actor },
  { additionalProperties: false },
);

/** The audit trail for auditors and admins: filter it, export what the filter finds, verify the hash chain. */
export async function auditPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  const roles = consolePage(['auditor', 'admin']);

  app.get(
    '/console/audit',
    {
      config: roles,
      schema: consoleSchema('The audit trail', {
        querystring: Type.Object(
          { ...Filter.properties, after: AuditFilterFields.after, verify: Type.Optional(Type.Literal('1')) },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const { verify, ...filter } = request.query;
      const [rows, chain] = await Promise.all([
        readAudit(pool, filter, PAGE),
        verify ? verifyAuditChain(pool) : undefined,
      ]);
      const query = new URLSearchParams(
        Object.entries({ contributor: filter.contributor, action: filter.action, actor: filter.actor }).filter(
          (e): e is [string, string] => Boolean(e[1]),
        ),
      ).toString();
      return sendConsole(reply, 200, 'audit', {
        title: t('console.audit.title'),
        filter,
        rows,
        chain,
        query,
        nextAfter: rows.length === PAGE ? rows[rows.length - 1]!.seq : undefined,
      });
    },
  );

  app.get(
    '/console/audit.csv',
    { config: roles, schema: consoleSchema('The audit trail as CSV', { querystring: Filter }) },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="trustladder-audit.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(exportLines(readAllAudit(pool, request.query), 'csv'))),
  );
}
