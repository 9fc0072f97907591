import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { levelName } from '../../domain/ladder';
import { textsIn } from '../../platform/i18n';
import { leadOf } from '../../store/leads';
import { callerOf } from '../auth';
import { browserLanguage } from '../pages/page';
import { ladderNamed } from '../ladder-named';
import { HttpProblem } from '../problem';
import { LADDER_ID, nameField, StringEnum, textField } from '../schemas';
import { typed } from '../typed';
import { handOver } from '../use-cases/handover';
import { ImportRefused, importPeople } from '../use-cases/importing';
import { reviewersOnLadder, setReviewerCapacity } from '../use-cases/reviewers';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

const LadderParams = Type.Object({ ladder: Type.String({ pattern: LADDER_ID }) }, { additionalProperties: false });
/** An uploaded file, as the multipart parser hands it over. */
const Upload = Type.Unsafe<Buffer>({ description: 'the uploaded file' });
const daysSince = (at: Date) => Math.max(0, Math.floor((Date.now() - at.getTime()) / 86_400_000));

/**
 * Where a team leader (or an admin) looks after the team of a ladder: its
 * reviewers and their load, bringing an existing team in from a file, and
 * handing the ladder over. Each form calls the same use case as the API.
 */
export async function teamPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { ladders, pool } = app;
  const leaders = consolePage(['team-leader', 'admin'], 'path');
  const ladderOr404 = (id: string) => ladderNamed(ladders, id);

  app.get(
    '/console/ladders/:ladder/team',
    {
      config: leaders,
      schema: consoleSchema("A ladder's team", {
        params: LadderParams,
        querystring: Type.Object({ done: Type.Optional(StringEnum(['capacity'])) }, { additionalProperties: false }),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const ladder = ladderOr404(request.params.ladder);
      const [reviewers, lead] = await Promise.all([reviewersOnLadder(app, ladder.id), leadOf(pool, ladder.id)]);
      return sendConsole(reply, 200, 'team', {
        title: t('console.team.title', { ladder: ladder.name }),
        ladder,
        reviewers,
        lead: lead?.name ?? ladder.contacts?.teamLeader ?? null,
        done: request.query.done ? t(`console.team.done.${request.query.done}`) : undefined,
      });
    },
  );

  app.post(
    '/console/ladders/:ladder/reviewers/:staffId',
    {
      config: leaders,
      schema: consoleSchema("Set a reviewer's capacity", {
        params: Type.Object(
          { ladder: Type.String({ pattern: LADDER_ID }), staffId: Type.String({ pattern: '^[a-f0-9]{16}$' }) },
          { additionalProperties: false },
        ),
        body: Type.Object(
          // A form posts text: a whole number, as the field's own min and max allow.
          { capacity: Type.String({ pattern: '^(1000|[0-9]{1,3})$' }), ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const ladder = ladderOr404(request.params.ladder);
      await setReviewerCapacity(
        app,
        callerOf(request),
        ladder.id,
        request.params.staffId,
        Number(request.body.capacity),
      );
      return reply.redirect(`/console/ladders/${ladder.id}/team?done=capacity`, 303);
    },
  );

  app.post(
    '/console/ladders/:ladder/imports',
    {
      config: leaders,
      schema: consoleSchema('Import a team from a file', {
        params: LadderParams,
        body: Type.Object(
          { file: Type.Optional(Upload), dryRun: Type.Optional(StringEnum(['yes'])), ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const ladder = ladderOr404(request.params.ladder);
      const file = request.body.file;
      if (!file || !Buffer.isBuffer(file) || file.length === 0)
        throw new HttpProblem(400, 'Bad Request', t('console.import.noFile'));
      const dryRun = request.body.dryRun === 'yes';
      try {
        const report = await importPeople(app, callerOf(request), {
          // The format is told from the text: a form's upload does not carry the file's name here.
          text: file.toString('utf8'),
          dryRun,
        });
        return sendConsole(reply, 200, 'import-report', {
          title: t(dryRun ? 'console.import.planTitle' : 'console.import.doneTitle'),
          ladder,
          report,
          people: report.people.map((p) => ({
            ...p,
            levelName: levelName(ladders.get(p.ladder)!, p.level) ?? p.level,
          })),
        });
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        return sendConsole(reply, err.status, 'import-report', {
          title: t('console.import.refusedTitle'),
          ladder,
          problems: err.problems ?? [],
        });
      }
    },
  );

  app.post(
    '/console/ladders/:ladder/handover',
    {
      config: leaders,
      schema: consoleSchema('Hand a ladder over', {
        params: LadderParams,
        body: Type.Object(
          {
            to: Type.String({ format: 'email', maxLength: 254 }),
            name: Type.Optional(nameField(200)),
            keepOutgoing: Type.Optional(StringEnum(['yes'])),
            note: Type.Optional(textField(2000)),
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const ladder = ladderOr404(request.params.ladder);
      const { to, name, keepOutgoing, note } = request.body;
      const result = await handOver(app, callerOf(request), ladder, {
        to,
        ...(name ? { name } : {}),
        keepOutgoing: keepOutgoing === 'yes',
        ...(note ? { note } : {}),
      });
      return sendConsole(reply, 200, 'handover-done', {
        title: t('console.handover.doneTitle', { ladder: ladder.name }),
        ladder,
        result,
        open: result.open.map((o) => ({
          ...o,
          targetName: o.target ? (levelName(ladder, o.target) ?? o.target) : null,
          days: daysSince(o.waitingSince),
        })),
      });
    },
  );
}
