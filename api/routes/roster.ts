import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem';
import { roster } from '../../store/contributors';

const entrySchema = {
  type: 'object',
  required: ['name', 'ladder', 'level', 'levelName', 'since', 'entrustedBy'],
  properties: {
    name: { type: 'string' },
    ladder: { type: 'string' },
    level: { type: 'string' },
    levelName: { type: 'string' },
    since: { type: ['string', 'null'], format: 'date-time' },
    entrustedBy: {
      type: 'array',
      items: { type: 'string' },
      description: 'The members who vouched for them at this level',
    },
  },
} as const;

/**
 * Who holds which level, and who entrusted them: the public list the Pirate
 * Party keeps. Names only; never an address, an id or anything else personal.
 */
export async function rosterRoutes(app: FastifyInstance): Promise<void> {
  const { pool, ladders, limits } = app;
  app.get<{ Querystring: { ladder?: string } }>(
    '/v1/roster',
    {
      config: { access: { public: true }, rateLimit: { max: limits.linksPerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'The public roster: who holds which level, and who entrusted them',
        tags: ['roster'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ladder: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } },
        },
        response: { 200: { type: 'array', items: entrySchema }, 400: { $ref: 'Problem#' } },
      },
    },
    async (request) => {
      const { ladder } = request.query;
      if (ladder && !ladders.has(ladder))
        throw new HttpProblem(400, 'Bad Request', `querystring.ladder: no ladder "${ladder}"`);
      const rows = await roster(pool, ladder ?? null);
      const levelName = (ladderId: string, level: string) =>
        ladders.get(ladderId)?.levels.find((l) => l.id === level)?.name ?? level;
      return rows.map((r) => ({
        name: r.name,
        ladder: r.ladder_id,
        level: r.level,
        levelName: levelName(r.ladder_id, r.level),
        since: r.since?.toISOString() ?? null,
        entrustedBy: r.entrusted_by,
      }));
    },
  );
}
