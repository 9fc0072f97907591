import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CONTRIBUTOR_ID_PATTERN } from '../../domain/contributor-id';
import { textsIn } from '../../platform/i18n';
import { ROLES } from '../../platform/roles';
import { addStaff, listStaffAccounts, removeStaffAccess, staffGrantProblem } from '../../platform/staff-accounts';
import { callerOf } from '../auth';
import { browserLanguage } from '../pages/page';
import { HttpProblem, notFound } from '../problem';
import { LADDER_ID, nameField, StringEnum } from '../schemas';
import { typed } from '../typed';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

const Ladder = Type.Optional(Type.String({ pattern: LADDER_ID }));

/** An admin manages staff accounts here as `npm run staff` does, through the same functions and audit rows. */
export async function staffPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, ladders } = app;
  const admin = consolePage(['admin']);

  app.get(
    '/console/staff',
    {
      config: admin,
      schema: consoleSchema('Staff accounts', {
        querystring: Type.Object(
          { done: Type.Optional(StringEnum(['added', 'removed'])) },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      return sendConsole(reply, 200, 'staff', {
        title: t('console.staff.title'),
        accounts: await listStaffAccounts(pool),
        roles: ROLES,
        ladders: [...ladders.values()].map((l) => ({ id: l.id, name: l.name })),
        done: request.query.done ? t(`console.staff.${request.query.done}`) : undefined,
      });
    },
  );

  app.post(
    '/console/staff',
    {
      config: admin,
      schema: consoleSchema('Give a person a role', {
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            name: Type.Optional(nameField(200)),
            role: StringEnum([...ROLES]),
            ladder: Ladder,
            contributor: Type.Optional(Type.String({ pattern: CONTRIBUTOR_ID_PATTERN })),
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { email, name, role, ladder, contributor } = request.body;
      const grant = {
        email: email.trim(),
        role,
        ...(ladder ? { ladderId: ladder } : {}),
        ...(name?.trim() ? { name: name.trim() } : {}),
        ...(contributor ? { contributorId: contributor } : {}),
      };
      const problem =
        staffGrantProblem(grant) ?? (ladder && !ladders.has(ladder) ? `no ladder "${ladder}"` : undefined);
      if (problem) throw new HttpProblem(400, 'Bad Request', problem);
      await addStaff(pool, grant, callerOf(request).id);
      return reply.redirect('/console/staff?done=added', 303);
    },
  );

  app.post(
    '/console/staff/removals',
    {
      config: admin,
      schema: consoleSchema('Take a role from a person, or remove their account', {
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            role: Type.Optional(StringEnum([...ROLES])),
            ladder: Ladder,
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { email, role, ladder } = request.body;
      const removed = await removeStaffAccess(
        pool,
        { email, ...(role ? { role } : {}), ...(ladder ? { ladderId: ladder } : {}) },
        callerOf(request).id,
      );
      if (!removed) throw notFound('no such account, or it does not hold that role');
      return reply.redirect('/console/staff?done=removed', 303);
    },
  );
}
