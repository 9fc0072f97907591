import type { Client, QueryDefinition } from '@temporalio/client';
import { workflowIdFor } from '../domain/contributor-id';
import { promotionStatusQuery, statusQuery, type ContributorStatus, type PromotionStatus, type StepStatus } from '../workflows/messages';
import { VIEW_MEMO } from '../workflows/view-memo';
import { conflict } from './problem';

export type ContributorView = ContributorStatus & { steps: StepStatus[] };

/**
 * A workflow's status as it keeps it in its memo (read from the server, no
 * worker involved), or by query for runs that began before it did.
 */
export async function statusOf<T>(temporal: Client, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  const handle = temporal.workflow.getHandle(workflowId);
  const { memo } = await handle.describe();
  return (memo?.[VIEW_MEMO] as T | undefined) ?? handle.query(query);
}

/** The contributor's status with the steps of their current (or last) promotion. */
export async function contributorView(temporal: Client, contributorId: string): Promise<ContributorView> {
  const status = await statusOf(temporal, workflowIdFor(contributorId), statusQuery);
  if (!status.promotion) return { ...status, steps: [] };
  // A finished promotion's steps came back with its outcome: no need to read the closed workflow.
  if (status.promotion.steps) return { ...status, steps: status.promotion.steps };
  return viewWith(status, await statusOf(temporal, status.promotion.workflowId, promotionStatusQuery));
}

/** The contributor's status read together with that of their open promotion (`status.promotion`). */
export function viewWith(status: ContributorStatus, promotion: PromotionStatus): ContributorView {
  const view = { ...status, steps: promotion.steps };
  // The contributor's workflow learns a promotion's outcome a moment after the
  // promotion decides it; a reader is shown the decided state at once.
  if (status.promotion?.state === 'open' && promotion.state !== 'open') {
    view.promotion = { ...status.promotion, state: promotion.state };
    if (promotion.state === 'passed') Object.assign(view, { level: promotion.target, levelSince: promotion.decidedAt, history: [...status.history, { level: promotion.target, enteredAt: promotion.decidedAt! }] });
    view.state = view.level === null ? 'onboarding' : 'active';
  }
  return view;
}

/** The contributor's status, with the workflow id of the promotion under way; 409 when there is none. */
export async function openPromotion(temporal: Client, contributorId: string): Promise<{ status: ContributorStatus; promotionId: string }> {
  const status = await statusOf(temporal, workflowIdFor(contributorId), statusQuery);
  if (status.promotion?.state !== 'open') throw conflict(`no promotion is under way for this contributor${status.promotion ? ` (the last one ${status.promotion.state})` : ''}`);
  return { status, promotionId: status.promotion.workflowId };
}

/**
 * A contributor's ladder, and whether their last promotion was decided only
 * a moment ago; 409 while one is under way. A promotion just decided counts
 * as over: its contributor's workflow learns so a moment later, and takes the
 * next proposal once it has (a busy server can stretch that moment).
 */
export async function readyForPromotion(temporal: Client, contributorId: string): Promise<{ ladderId: string; lastDecided: boolean }> {
  const status = await statusOf(temporal, workflowIdFor(contributorId), statusQuery);
  if (status.promotion?.state !== 'open') return { ladderId: status.ladderId, lastDecided: false };
  const promotion = await statusOf(temporal, status.promotion.workflowId, promotionStatusQuery);
  if (promotion.state === 'open') throw conflict(`a promotion to ${status.promotion.target} is already under way`);
  return { ladderId: status.ladderId, lastDecided: true };
}
