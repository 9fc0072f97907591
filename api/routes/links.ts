import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { MAX_TOKEN_LENGTH, verifyLink, type LinkClaims } from '../../platform/link-token';
import { completeStepUpdate, stepPageQuery, type CompleteStepResult, type StepPage } from '../../workflows/messages';
import { sendPage } from '../pages/page';
import { typed } from '../typed';
import { readStepForm, stepChoices } from '../pages/step-form';
import { bindLogContext } from '../log-context';
import { fromTemporal } from '../problem';
import type { ViewSource } from '../workflow-views';
import { viewOf } from '../../store/views';
import { findLink, type LinkActorType } from '../../store/links';

const WHAT_NOW = 'If you still need to complete this step, ask your team leader to send you a new link.';

/** What a person is told of a link longer than any this server sends (the router refuses it before the route). */
export const LINK_TOO_LONG = {
  title: 'This link is not valid',
  detail: `It is longer than any link we send: it may have been joined with other text when it was copied. ${WHAT_NOW}`,
};

const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: MAX_TOKEN_LENGTH, description: 'The token from the emailed link' }),
});

const html = Type.String({ description: 'An HTML page' });
const tooLong = Type.String({ description: 'A page saying the link is longer than any link this server sends' });

type Actor = { type: LinkActorType; id: string };
type Refused = { ok: false; status: number; title: string; detail: string };
/** A valid link names the step and the workflow that waits for it. */
type LinkState = { ok: true; claims: LinkClaims; workflowId: string; actor: Actor } | Refused;

/** What the person is told once their answer is in, by where the step now stands. */
const THANKS: Record<CompleteStepResult['status'], [string, string]> = {
  done: ['Thank you', 'This step is complete. You can close this page.'],
  open: [
    'Thank you',
    'Your answer is recorded. If this was a quiz that did not reach the pass mark, a new link is on its way.',
  ],
  failed: ['Not passed', 'This step has ended without success; your team leader can tell you what comes next.'],
  'timed-out': ['This step is closed', 'Its deadline passed before your answer arrived.'],
};

const CLOSED: Refused = {
  ok: false,
  status: 410,
  title: 'This step is closed',
  detail: 'It is done or no longer needed: nothing more to do here.',
};

const USED: Refused = {
  ok: false,
  status: 410,
  title: 'This link has already been used',
  detail: 'Each link works once, and this step was completed with it.',
};

/**
 * The step as its workflow shows it now, or why the link leads nowhere any
 * more. A promotion keeps the pages of its open steps with its view (a step
 * not there is closed); the contributor's own step (the sign of life) is
 * asked of its workflow.
 */
async function openStep(
  source: ViewSource,
  state: Extract<LinkState, { ok: true }>,
): Promise<{ ok: true; page: StepPage } | Refused> {
  const view = await viewOf<{ pages?: Record<string, StepPage> }>(source.pool, state.workflowId);
  const shown = view?.pages
    ? (view.pages[state.claims.step] ?? null)
    : await source.temporal.workflow.getHandle(state.workflowId).query(stepPageQuery, state.claims.step);
  return shown?.open ? { ok: true, page: shown } : CLOSED;
}

/**
 * Completes the link's step with the answers of its form. The link is used up by the workflow, in the transaction
 * that writes its step's audit row (activities/audit.ts): a completion that fails leaves it usable, and two clicks
 * at once complete the step once.
 */
async function confirmStep(
  source: ViewSource & { pool: Pool },
  signingKeys: FastifyInstance['signingKeys'],
  token: string,
  form: Record<string, string>,
  bindLog: (state: Extract<LinkState, { ok: true }>) => void,
): Promise<{ ok: true; result: CompleteStepResult } | Refused> {
  const { pool, temporal } = source;
  const state = await linkState(pool, token, signingKeys);
  if (!state.ok) return state;
  const { claims } = state;
  bindLog(state);
  const step = await openStep(source, state);
  if (!step.ok) return step;
  const answer = readStepForm(step.page.form, form);
  if (!answer.ok)
    return {
      ok: false as const,
      status: 400,
      title: 'Not complete yet',
      detail: `${answer.problem} Use the back button: your link still works.`,
    };
  let result: CompleteStepResult;
  try {
    result = await temporal.workflow.getHandle(state.workflowId).executeUpdate(completeStepUpdate, {
      args: [
        {
          stepId: claims.step,
          actor: state.actor,
          linkId: claims.lid,
          answers: answer.answers,
          vote: answer.vote,
        },
      ],
    });
  } catch (err) {
    const problem = fromTemporal(err);
    if (problem?.status === 409)
      return { ok: false as const, status: 409, title: 'This step is closed', detail: problem.detail ?? '' };
    if (problem?.status === 410) return USED;
    throw err;
  }
  return { ok: true as const, result };
}

/** Checks the signature and expiry, then that the link is known and unused. */
async function linkState(db: Pool, token: string, keys: FastifyInstance['signingKeys']): Promise<LinkState> {
  const checked = verifyLink(token, keys, Date.now());
  if (!checked.ok) {
    return checked.reason === 'expired'
      ? { ok: false, status: 410, title: 'This link has expired', detail: WHAT_NOW }
      : {
          ok: false,
          status: 400,
          title: 'This link is not valid',
          detail: `It may have been copied incompletely. ${WHAT_NOW}`,
        };
  }
  const row = await findLink(db, checked.claims.lid);
  if (!row || row.step_id !== checked.claims.step || row.contributor_id !== checked.claims.cid) {
    return { ok: false, status: 404, title: 'This link is not known', detail: WHAT_NOW };
  }
  if (row.used_at) return USED;
  return {
    ok: true,
    claims: checked.claims,
    workflowId: row.workflow_id,
    actor: { type: row.actor_type, id: row.actor_id ?? checked.claims.cid },
  };
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
  const { pool, temporal, signingKeys, limits, publicUrl } = app;
  const publicOrigin = new URL(publicUrl).origin;
  const access = { public: true } as const;
  // Links need no key, so guessing is slowed down by address.
  const rateLimit = { max: limits.linksPerMinute, timeWindow: 60_000 };

  app.get(
    '/links/:token',
    {
      config: { access, rateLimit, page: true },
      schema: {
        summary: 'The page of an emailed link: names the step and asks to confirm',
        description: 'Never changes anything: mail scanners follow links. Only the POST completes the step.',
        tags: ['links'],
        params: TokenParams,
        response: { 200: html, 400: html, 404: html, 410: html, 414: tooLong },
      },
    },
    async (request, reply) => {
      const state = await linkState(pool, request.params.token, signingKeys);
      if (!state.ok) return sendPage(reply, state.status, state.title, [state.detail]);
      bindLinkLog(request, reply, state);
      const step = await openStep({ pool, temporal }, state);
      if (!step.ok) return sendPage(reply, step.status, step.title, [step.detail]);
      const { intro, button, choices } = stepChoices(step.page.form);
      return sendPage(reply, 200, step.page.title, [intro], {
        action: `/links/${request.params.token}`,
        button,
        choices,
      });
    },
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
        summary: 'Confirm the step of an emailed link; the link is used up',
        tags: ['links'],
        params: TokenParams,
        body: Type.Record(Type.String(), Type.String({ maxLength: 100 }), {
          description:
            "The page's form: each quiz answer as q:<question id> = the choice's index, or vote = agree | abstain | disagree | block",
          maxProperties: 200,
        }),
        response: { 200: html, 400: html, 403: html, 404: html, 409: html, 410: html, 414: tooLong },
      },
    },
    async (request, reply) => {
      if (crossSite(request.headers, publicOrigin)) {
        return sendPage(reply, 403, 'Please use the page from your email', [
          'This answer was sent from another website, so it was not accepted. Open the link from your email and answer on its page.',
        ]);
      }
      const outcome = await confirmStep({ pool, temporal }, signingKeys, request.params.token, request.body, (state) =>
        bindLinkLog(request, reply, state),
      );
      if (!outcome.ok) return sendPage(reply, outcome.status, outcome.title, [outcome.detail]);
      const [title, line] = THANKS[outcome.result.status];
      return sendPage(reply, 200, title, [line]);
    },
  );
}
