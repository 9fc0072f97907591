import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { levelName } from '../../domain/ladder';
import { HttpProblem } from '../problem';
import { roster } from '../../store/contributors';
import { DateTime, LADDER_ID, Nullable, problems } from '../schemas';
import { typed } from '../typed';

const EntrySchema = Type.Object({
  name: Type.String(),
  ladder: Type.String(),
  level: Type.String(),
  levelName: Type.String(),
  emeritus: Type.Boolean({ description: 'Stepped down from this level; since then' }),
  since: Nullable(DateTime()),
  entrustedBy: Type.Array(Type.String(), { description: 'The members who vouched for them at this level' }),
});

/**
 * Who holds which level, and who entrusted them: the public list the Pirate
 * Party keeps. Names only; never an address, an id or anything else personal.
 */
export async function rosterRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, ladders, limits } = app;
  app.get(
    '/v1/roster',
    {
      config: { access: { public: true }, rateLimit: { max: limits.linksPerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'The public roster: who holds which level, and who entrusted them; emeriti last',
        tags: ['roster'],
        querystring: Type.Object(
          { ladder: Type.Optional(Type.String({ pattern: LADDER_ID })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(EntrySchema), ...problems(400) },
      },
    },
    async (request) => {
      const { ladder } = request.query;
      if (ladder && !ladders.has(ladder))
        throw new HttpProblem(400, 'Bad Request', `querystring.ladder: no ladder "${ladder}"`);
      const rows = await roster(pool, ladder ?? null);
      const nameOf = (ladderId: string, level: string) => {
        const ladder = ladders.get(ladderId);
        return (ladder && levelName(ladder, level)) ?? level;
      };
      return rows.map((r) => ({
        name: r.name,
        ladder: r.ladder_id,
        level: r.level,
        levelName: nameOf(r.ladder_id, r.level),
        emeritus: r.emeritus,
        since: r.since?.toISOString() ?? null,
        entrustedBy: r.entrusted_by,
      }));
    },
  );
}
