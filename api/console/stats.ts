import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { levelIndex, levelName } from '../../domain/ladder';
import { textsIn } from '../../platform/i18n';
import { ladderStats, type Spread } from '../../store/ladder-stats';
import { pipelineCounts } from '../../store/pipeline';
import { browserLanguage } from '../pages/page';
import { typed } from '../typed';
import { sendConsole } from './page';
import { stalledAfterMs } from './pipeline';
import { consolePage, consoleSchema } from './route-config';

const PERIODS = [30, 90, 365] as const;

/** Bars of a chart drawn on the server, each as a share of the widest. */
export interface Bar {
  label: string;
  value: number;
  /** 0..100 */
  share: number;
  text: string;
}

const bars = (items: { label: string; value: number; text: string }[]): Bar[] => {
  const widest = Math.max(1, ...items.map((i) => i.value));
  return items.map((i) => ({ ...i, share: Math.round((i.value / widest) * 1000) / 10 }));
};

/**
 * Per ladder: median and 90th-percentile days per gate and per level, the
 * funnel from onboarding to each level over a period, and how many
 * promotions are stalled; charts are SVG drawn here, so the page runs no script.
 */
export async function statsPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, ladders } = app;
  app.get(
    '/console/stats',
    {
      config: consolePage(['team-leader', 'board', 'auditor', 'admin']),
      schema: consoleSchema('Figures per ladder', {
        querystring: Type.Object(
          { days: Type.Optional(Type.Union(PERIODS.map((d) => Type.Literal(String(d))))) },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const days = Number(request.query.days ?? 365);
      const since = new Date(Date.now() - days * 86_400_000);
      const staff = request.staff!;
      // A team leader who holds no organisation-wide role sees their own ladders.
      const wide = staff.roles.some((r) => r.role !== 'team-leader');
      const shown = [...ladders.values()].filter(
        (l) => wide || staff.roles.some((r) => r.role === 'team-leader' && r.ladderId === l.id),
      );
      const spreadText = (s: Spread) => t('console.stats.spread', { median: s.median, p90: s.p90, count: s.count });
      const perLadder = await Promise.all(
        shown.map(async (ladder) => {
          const [stats, counts] = await Promise.all([
            ladderStats(pool, ladder.id, since),
            pipelineCounts(pool, ladder.id, stalledAfterMs(ladder)),
          ]);
          return {
            id: ladder.id,
            name: ladder.name,
            ...counts,
            gates: bars(stats.gates.map((g) => ({ label: g.name, value: g.p90, text: spreadText(g) }))),
            levels: bars(
              [...stats.levels]
                .sort((a, b) => levelIndex(ladder, a.name) - levelIndex(ladder, b.name))
                .map((l) => ({ label: levelName(ladder, l.name) ?? l.name, value: l.p90, text: spreadText(l) })),
            ),
            funnel: bars([
              {
                label: t('console.stats.onboarded'),
                value: stats.funnel.onboarded,
                text: String(stats.funnel.onboarded),
              },
              ...ladder.levels.map((l) => ({
                label: l.name,
                value: stats.funnel.reached[l.id] ?? 0,
                text: String(stats.funnel.reached[l.id] ?? 0),
              })),
            ]),
          };
        }),
      );
      return sendConsole(reply, 200, 'stats', {
        title: t('console.stats.title'),
        days,
        periods: PERIODS,
        ladders: perLadder,
      });
    },
  );
}
