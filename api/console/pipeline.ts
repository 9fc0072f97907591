import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { durationMs } from '../../domain/duration';
import { levelName, type Ladder } from '../../domain/ladder';
import { LANGUAGES, textsIn } from '../../platform/i18n';
import { pipeline, wholePipeline, type PipelineRow } from '../../store/pipeline';
import { callerOf } from '../auth';
import { csvLine } from '../csv';
import { browserLanguage } from '../pages/page';
import { ladderNamed } from '../ladder-named';
import { LADDER_ID, nameField, StringEnum } from '../schemas';
import { typed } from '../typed';
import { onboard } from '../use-cases/onboarding';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

const PAGE_SIZE = 50;
/** Without a ladder's own escalation time, a promotion still after two weeks is stalled. */
const STALLED_DEFAULT = '14d';
const LadderParams = Type.Object({ ladder: Type.String({ pattern: LADDER_ID }) }, { additionalProperties: false });

/** Waiting longer than the ladder's escalation time counts as stalled. */
export const stalledAfterMs = (ladder: Ladder) => durationMs(ladder.timing?.escalateAfter ?? STALLED_DEFAULT);
const daysSince = (at: Date) => Math.max(0, Math.floor((Date.now() - at.getTime()) / 86_400_000));

/** Whose turn each open step is, for the pipeline's row. */
const openSteps = (row: PipelineRow) =>
  (row.steps ?? []).filter((s) => s.status === 'open').map((s) => ({ title: s.title, turn: s.completedBy }));

/** A team leader's view of their ladder: everyone by level and state, stalled promotions first; search, pages, CSV. */
export async function pipelinePages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, ladders } = app;
  const ladderOr404 = (id: string) => ladderNamed(ladders, id);

  app.get(
    '/console/ladders/:ladder',
    {
      config: consolePage(['team-leader', 'admin'], 'path'),
      schema: consoleSchema("A ladder's pipeline", {
        params: LadderParams,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const ladder = ladderOr404(request.params.ladder);
      const q = request.query.q?.trim() || undefined;
      const page = request.query.page ?? 1;
      const { rows, total } = await pipeline(pool, {
        ladderId: ladder.id,
        search: q,
        stalledAfterMs: stalledAfterMs(ladder),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const nameOf = (id: string | null) => levelName(ladder, id) ?? '—';
      return sendConsole(reply, 200, 'pipeline', {
        title: t('console.pipeline.title', { ladder: ladder.name }),
        ladder,
        q,
        page,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        total,
        rows: rows.map((r) => ({
          ...r,
          levelName: nameOf(r.level),
          targetName: r.target ? nameOf(r.target) : null,
          open: openSteps(r),
          days: daysSince(r.waiting_since),
        })),
        languages: LANGUAGES,
        canOnboard: callerOf(request).role === 'team-leader',
      });
    },
  );

  app.get(
    '/console/ladders/:ladder/pipeline.csv',
    {
      config: consolePage(['team-leader', 'admin'], 'path'),
      schema: consoleSchema("A ladder's pipeline as CSV", {
        params: LadderParams,
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const ladder = ladderOr404(request.params.ladder);
      const rows = wholePipeline(pool, {
        ladderId: ladder.id,
        search: request.query.q?.trim() || undefined,
        stalledAfterMs: stalledAfterMs(ladder),
      });
      async function* lines() {
        yield csvLine(['id', 'name', 'level', 'state', 'promotingTo', 'openSteps', 'waitingSince', 'stalled']);
        for await (const r of rows)
          yield csvLine([
            r.id,
            r.name,
            r.level,
            r.state,
            r.target,
            openSteps(r)
              .map((s) => `${s.title} (${s.turn})`)
              .join('; '),
            r.waiting_since.toISOString(),
            r.stalled,
          ]);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${ladder.id}-pipeline.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );

  app.post(
    '/console/ladders/:ladder/contributors',
    {
      config: consolePage(['team-leader'], 'path'),
      schema: consoleSchema('Onboard a contributor', {
        params: LadderParams,
        body: Type.Object(
          {
            name: nameField(200, 'The name the contributor goes by'),
            email: Type.String({ format: 'email', maxLength: 254 }),
            language: Type.Optional(StringEnum([...LANGUAGES])),
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const ladder = ladderOr404(request.params.ladder);
      const { name, email, language } = request.body;
      const onboarded = await onboard(app, callerOf(request), {
        name,
        email,
        ladder,
        ...(language ? { language } : {}),
      });
      return reply.redirect(`/console/contributors/${onboarded.id}`, 303);
    },
  );
}
