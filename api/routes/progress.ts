import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MAX_TOKEN_LENGTH, verifyProgress } from '../../platform/link-token';
import { languageOf, textsIn } from '../../platform/i18n';
import { contactOf, ladderOf } from '../../store/contributors';
import { viewWith, withOpenPromotion } from '../contributor-workflows';
import { progressView } from '../pages/progress';
import { browserLanguage, sendSaying, sendView } from '../pages/page';
import { typed } from '../typed';

const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH, description: 'The token from an emailed link' }),
});

export async function progressRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, temporal, signingKeys, limits, ladders } = app;

  app.get(
    '/progress/:token',
    {
      config: { access: { public: true }, rateLimit: { max: limits.linksPerMinute, timeWindow: 60_000 }, page: true },
      schema: {
        summary: "A candidate's own page: their level, the promotion under way gate by gate, what comes next",
        description:
          "Read-only, from the signed link every mail to the candidate carries (valid PROGRESS_LINK_TTL_DAYS). Shows no notes, no one else's address and no one's vote. In the candidate's language.",
        tags: ['links'],
        params: TokenParams,
        response: {
          200: Type.String({ description: 'An HTML page' }),
          404: Type.String({ description: 'A page saying the link is not valid or has expired' }),
          414: Type.String({ description: 'A page saying the link is longer than any link this server sends' }),
        },
      },
    },
    async (request, reply) => {
      const checked = verifyProgress(request.params.token, signingKeys, Date.now());
      const contributorId = checked.ok ? checked.claims.cid : undefined;
      const [contact, ladderId] = contributorId
        ? await Promise.all([contactOf(pool, contributorId), ladderOf(pool, contributorId)])
        : [];
      const ladder = ladderId ? ladders.get(ladderId) : undefined;
      if (!checked.ok || !contributorId || !contact || !ladder)
        return sendSaying(reply, 404, { lang: browserLanguage(reply) }, 'progress.notValid');
      const lang = languageOf(contact.language);
      const { status, promotion } = await withOpenPromotion({ pool, temporal }, contributorId);
      // A promotion decided a moment ago shows its outcome at once, as the API's answers do.
      const seen = promotion ? viewWith(status, promotion) : status;
      const view = progressView({
        t: textsIn(lang),
        lang,
        name: contact.name,
        ladder,
        status: seen,
        promotion: seen.promotion?.state === 'open' ? promotion : undefined,
        validUntil: new Date(checked.claims.exp * 1000),
      });
      return sendView(reply, 200, 'progress', { lang, ladderName: ladder.name }, view);
    },
  );
}
