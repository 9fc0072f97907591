import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_TOKEN_LENGTH } from '../../platform/link-token';
import { completeStepUpdate, STATEMENT_MAX, type CompleteStepResult, type StepPage } from '../../workflows/messages';
import { textsIn, type Language, type Translate } from '../../platform/i18n';
import { progressUrl } from '../../platform/issue-link';
import { CLOSED, linkState, openStep, readersOf, USED, type LinkState, type Refused } from '../link-state';
import { browserLanguage, sendSaying, sendView, type Onward } from '../pages/page';
import { readStepForm, stepView } from '../pages/step-form';
import { bindLogContext } from '../log-context';
import { fromTemporal } from '../problem';
import { typed } from '../typed';

/** What a person is told of a link longer than any this server sends, as a problem (pages say it in their words). */
export const LINK_TOO_LONG = {
  title: 'This link is not valid',
  detail: 'It is longer than any link this server sends: it may have been joined with other text when it was copied.',
};

const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH, description: 'The token from the emailed link' }),
});

const html = Type.String({ description: 'An HTML page' });
const tooLong = Type.String({ description: 'A page saying the link is longer than any link this server sends' });

const ASK_AGAIN = new Set<Refused['why']>(['invalid', 'expired', 'unknown']);

/** A link that leads nowhere, told in the reader's words. */
function sendRefused(reply: FastifyReply, refused: Refused, lang: Language): FastifyReply {
  const more = ASK_AGAIN.has(refused.why) ? ['link.whatNow'] : [];
  return sendSaying(reply, refused.status, { lang }, `link.${refused.why}`, { more });
}

/**
 * A form posted from another site: the browser says so in Sec-Fetch-Site, or
 * names the other site in Origin. ("null" is what a page with no-referrer,
 * like ours, sends from itself; a link opened from the mail is "none".)
 */
function crossSite(headers: FastifyRequest['headers'], publicOrigin: string): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = headers.origin;
  return origin !== undefined && origin !== 'null' && origin !== publicOrigin;
}

/** The link's contributor, step and workflow on the request's log lines; never its token. */
const bindLinkLog = (request: FastifyRequest, reply: FastifyReply, state: LinkState & { ok: true }) =>
  bindLogContext(request, reply, {
    contributorId: state.claims.cid,
    workflowId: state.workflowId,
    step: state.claims.step,
  });

export async function linkRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool, temporal, signingKeys, limits, publicUrl, progressTtlMs } = app;
  /** A candidate who has answered can go on to see where they stand. */
  const progressLink = (state: Extract<LinkState, { ok: true }>, t: Translate) =>
    state.actor.type === 'candidate'
      ? {
          href: progressUrl(signingKeys[0]!, { contributorId: state.claims.cid, publicUrl, ttlMs: progressTtlMs }),
          text: t('thanks.progress'),
        }
      : undefined;
  const publicOrigin = new URL(publicUrl).origin;
  const access = { public: true } as const;
  // Links need no key, so guessing is slowed down by address.
  const rateLimit = { max: limits.linksPerMinute, timeWindow: 60_000 };

  /** The link's step page, or why there is none; the page shows a problem when an answer was not taken. */
  const showStep = async (
    request: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
    answer?: (state: Extract<LinkState, { ok: true }>, page: StepPage, t: Translate) => Promise<StepAnswer>,
  ) => {
    const state = await linkState(pool, request.params.token, signingKeys);
    if (!state.ok) return sendRefused(reply, state, browserLanguage(reply));
    bindLinkLog(request, reply, state);
    const { lang, candidate } = await readersOf(pool, state);
    const step = await openStep({ pool, temporal }, state);
    if (!step.ok) return sendRefused(reply, step, lang);
    const t = textsIn(lang);
    const frame = { lang, ladderName: step.page.ladderName };
    let problem: string | undefined;
    if (answer) {
      const outcome = await answer(state, step.page, t);
      if (outcome.kind === 'refused') return sendRefused(reply, outcome.refused, lang);
      if (outcome.kind === 'done') return sendSaying(reply, 200, frame, outcome.said, { link: outcome.link });
      problem = `${outcome.problem} ${t('link.backWorks')}`;
    }
    const view = stepView(step.page, t, { candidate });
    return sendView(reply, problem ? 400 : 200, 'step', frame, {
      ...view,
      problem,
      action: `/links/${request.params.token}`,
    });
  };

  /**
   * Completes the link's step with the answers of its form. The link is used up by the workflow, in the transaction
   * that writes its step's audit row (activities/audit.ts): a completion that fails leaves it usable, and two clicks
   * at once complete the step once.
   */
  const complete =
    (form: Record<string, string>) =>
    async (state: Extract<LinkState, { ok: true }>, page: StepPage, t: Translate): Promise<StepAnswer> => {
      const answer = readStepForm(page, form, t);
      if (!answer.ok) return { kind: 'problem', problem: answer.problem };
      let result: CompleteStepResult;
      try {
        result = await temporal.workflow.getHandle(state.workflowId).executeUpdate(completeStepUpdate, {
          args: [
            {
              stepId: state.claims.step,
              actor: state.actor,
              linkId: state.claims.lid,
              answers: answer.answers,
              vote: answer.vote,
              consent: answer.consent,
              statement: answer.statement,
            },
          ],
        });
      } catch (err) {
        const problem = fromTemporal(err);
        // Refused by the workflow: decided meanwhile, or the same step being completed by a click a moment before.
        if (problem?.status === 409) return { kind: 'refused', refused: { ...CLOSED, status: 409 } };
        if (problem?.status === 410) return { kind: 'refused', refused: USED };
        throw err;
      }
      // What the person is told once their answer is in, by where the step now stands.
      const said = page.form.kind === 'step-down' ? 'thanks.steppedDown' : `thanks.${result.status}`;
      return { kind: 'done', said, link: progressLink(state, t) };
    };

  app.get(
    '/links/:token',
    {
      config: { access, rateLimit, page: true },
      schema: {
        summary: 'The page of an emailed link: shows the step and asks for the answer',
        description:
          'Never changes anything: mail scanners follow links. Only the POST completes the step. In the language of the person the link was sent to.',
        tags: ['links'],
        params: TokenParams,
        response: { 200: html, 400: html, 404: html, 410: html, 414: tooLong },
      },
    },
    (request, reply) => showStep(request, reply),
  );

  app.post(
    '/links/:token',
    {
      config: { access, rateLimit, page: true },
      // A confirmation posts an empty form; quizzes and ballots post their fields.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary: 'Answer the step of an emailed link; the link is used up',
        description:
          'A form missing what the step asks (the consent to an agreement, an answer, a statement to disagree or block) gets the page again with a 400 saying what is missing; nothing is recorded and the link still works.',
        tags: ['links'],
        params: TokenParams,
        body: Type.Record(Type.String(), Type.String({ maxLength: 4 * STATEMENT_MAX }), {
          description:
            "The page's form: consent = yes to sign an agreement; each quiz answer as q:<question id> = the choice's index; vote = agree | abstain | disagree | block; statement = a sponsor's or peer's own words (at most 2,000 characters; required to disagree or block)",
          maxProperties: 200,
        }),
        response: { 200: html, 400: html, 403: html, 404: html, 409: html, 410: html, 414: tooLong },
      },
    },
    async (request, reply) => {
      if (crossSite(request.headers, publicOrigin))
        return sendSaying(reply, 403, { lang: browserLanguage(reply) }, 'link.crossSite');
      return showStep(request, reply, complete(request.body));
    },
  );
}

type StepAnswer =
  | { kind: 'done'; said: string; link?: Onward }
  | { kind: 'problem'; problem: string }
  | { kind: 'refused'; refused: Refused };
