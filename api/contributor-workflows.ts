import { workflowIdFor } from '../domain/contributor-id';
import {
  promotionStatusQuery,
  statusQuery,
  type ContributorStatus,
  type PromotionStatus,
  type Statement,
  type StepStatus,
} from '../workflows/messages';
import { conflict } from './problem';
import { statusesOf, statusByQuery, statusOf, type ViewSource } from './workflow-views';

/** What the API answers of a contributor: their status, their promotion's steps, and what sponsors and peers wrote. */
export type ContributorView = ContributorStatus & { steps: StepStatus[]; statements?: Statement[] };

/**
 * The contributor's status, and that of their promotion while it is open
 * (by its workflow's own account, which may already say decided).
 */
export async function withOpenPromotion(
  source: ViewSource,
  contributorId: string,
): Promise<{ status: ContributorStatus; promotion?: PromotionStatus }> {
  const workflowId = workflowIdFor(contributorId);
  const rows = await statusesOf<ContributorStatus, PromotionStatus>(source.pool, workflowId, [
    'promotion',
    'workflowId',
  ]);
  const status = rows.status ?? (await statusByQuery(source.temporal, workflowId, statusQuery));
  if (status.promotion?.state !== 'open') return { status };
  // A promotion only just started may not have written its row yet.
  return {
    status,
    promotion: rows.other ?? (await statusByQuery(source.temporal, status.promotion.workflowId, promotionStatusQuery)),
  };
}

/** The contributor's status with the steps of their current (or last) promotion. */
export async function contributorView(source: ViewSource, contributorId: string): Promise<ContributorView> {
  const { status, promotion } = await withOpenPromotion(source, contributorId);
  if (promotion) return viewWith(status, promotion);
  // A finished promotion's steps came back with its outcome: no need to read the closed workflow.
  const statements = status.promotion?.statements;
  return { ...status, steps: status.promotion?.steps ?? [], ...(statements ? { statements } : {}) };
}

/** The contributor's status read together with that of their open promotion (`status.promotion`). */
export function viewWith(status: ContributorStatus, promotion: PromotionStatus): ContributorView {
  const view: ContributorView = {
    ...status,
    steps: promotion.steps,
    ...(promotion.statements ? { statements: promotion.statements } : {}),
  };
  // The contributor's workflow learns a promotion's outcome a moment after the
  // promotion decides it; a reader is shown the decided state at once.
  if (status.promotion?.state === 'open' && promotion.state !== 'open') {
    view.promotion = { ...status.promotion, state: promotion.state };
    if (promotion.state === 'passed')
      Object.assign(view, {
        level: promotion.target,
        levelSince: promotion.decidedAt,
        history: [...status.history, { level: promotion.target, enteredAt: promotion.decidedAt! }],
      });
    view.state = view.level === null ? 'onboarding' : 'active';
  }
  return view;
}

/** The contributor's status, with the workflow id of the promotion under way; 409 when there is none. */
export async function openPromotion(
  source: ViewSource,
  contributorId: string,
): Promise<{ status: ContributorStatus; promotionId: string }> {
  const status = await statusOf(source, workflowIdFor(contributorId), statusQuery);
  if (status.promotion?.state !== 'open')
    throw conflict(
      `no promotion is under way for this contributor${status.promotion ? ` (the last one ${status.promotion.state})` : ''}`,
    );
  return { status, promotionId: status.promotion.workflowId };
}

/**
 * A contributor's ladder, and whether their last promotion was decided only
 * a moment ago; 409 while one is under way. A promotion just decided counts
 * as over: its contributor's workflow learns so a moment later, and takes the
 * next proposal once it has (a busy server can stretch that moment).
 */
export async function readyForPromotion(
  source: ViewSource,
  contributorId: string,
): Promise<{ ladderId: string; lastDecided: boolean }> {
  const { status, promotion } = await withOpenPromotion(source, contributorId);
  if (promotion?.state === 'open') throw conflict(`a promotion to ${status.promotion!.target} is already under way`);
  return { ladderId: status.ladderId, lastDecided: promotion !== undefined };
}
