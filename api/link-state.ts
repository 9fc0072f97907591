/**
 * What an emailed link leads to: its signature and record checked, the step
 * it names as its workflow shows it now, and who is reading. Rendering is the
 * route's (api/routes/links.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { languageOf } from '../platform/i18n';
import { verifyLink, type LinkClaims } from '../platform/link-token';
import { contactOf } from '../store/contributors';
import { findLink, type LinkActorType } from '../store/links';
import { viewOf } from '../store/views';
import { stepPageQuery, type StepPage } from '../workflows/messages';
import type { ViewSource } from './workflow-views';

export type Actor = { type: LinkActorType; id: string };
/** Why a link leads nowhere, as a text of the catalogue (link.<why>); some add what to do now. */
export type Refused = { ok: false; status: number; why: 'invalid' | 'expired' | 'unknown' | 'used' | 'closed' };
/** A valid link names the step and the workflow that waits for it. */
export type LinkState = { ok: true; claims: LinkClaims; workflowId: string; actor: Actor } | Refused;

export const CLOSED: Refused = { ok: false, status: 410, why: 'closed' };
export const USED: Refused = { ok: false, status: 410, why: 'used' };

/**
 * The step as its workflow shows it now, or why the link leads nowhere any
 * more. A promotion keeps the pages of its open steps with its view (a step
 * not there is closed); the contributor's own steps (a ping's answers) are
 * asked of its workflow.
 */
export async function openStep(
  source: ViewSource,
  state: Extract<LinkState, { ok: true }>,
): Promise<{ ok: true; page: StepPage } | Refused> {
  const view = await viewOf<{ pages?: Record<string, StepPage> }>(source.pool, state.workflowId);
  const shown = view?.pages
    ? (view.pages[state.claims.step] ?? null)
    : await source.temporal.workflow.getHandle(state.workflowId).query(stepPageQuery, state.claims.step);
  return shown?.open ? { ok: true, page: shown } : CLOSED;
}

/** Checks the signature and expiry, then that the link is known and unused. */
export async function linkState(db: Pool, token: string, keys: FastifyInstance['signingKeys']): Promise<LinkState> {
  const checked = verifyLink(token, keys, Date.now());
  if (!checked.ok)
    return {
      ok: false,
      ...(checked.reason === 'expired' ? { status: 410, why: 'expired' } : { status: 400, why: 'invalid' }),
    };
  const row = await findLink(db, checked.claims.lid);
  if (!row || row.step_id !== checked.claims.step || row.contributor_id !== checked.claims.cid)
    return { ok: false, status: 404, why: 'unknown' };
  if (row.used_at) return USED;
  return {
    ok: true,
    claims: checked.claims,
    workflowId: row.workflow_id,
    actor: { type: row.actor_type, id: row.actor_id ?? checked.claims.cid },
  };
}

/** The person who opened the link (their language) and the candidate it is about (their name). */
export async function readersOf(db: Pool, state: Extract<LinkState, { ok: true }>) {
  const [reader, candidate] = await Promise.all([contactOf(db, state.actor.id), contactOf(db, state.claims.cid)]);
  return { lang: languageOf(reader?.language), candidate: candidate?.name ?? '' };
}
