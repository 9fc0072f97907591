import { randomBytes } from 'node:crypto';
import type { Caller } from '../../platform/api-keys';
import { appendAudit } from '../../store/audit';
import { ladderOf } from '../../store/contributors';
import { leadOf } from '../../store/leads';
import { assignReviewer, reviewerOf, reviewersOf, setCapacity, type ReviewerLoad } from '../../store/reviewers';
import { inTransaction } from '../../store/transaction';
import { conflict, HttpProblem, notFound } from '../problem';
import type { UseCaseDeps } from './deps';

export interface Reviewer extends ReviewerLoad {
  /** Leads the ladder since its handover. */
  lead: boolean;
}

/** The ladder's staff who review candidates (its team leaders), each with their load against their capacity. */
export async function reviewersOnLadder(deps: UseCaseDeps, ladderId: string): Promise<Reviewer[]> {
  const [reviewers, lead] = await Promise.all([reviewersOf(deps.pool, ladderId), leadOf(deps.pool, ladderId)]);
  return reviewers.map((r) => ({ ...r, lead: r.staffId === lead?.staffId }));
}

const notOnLadder = (ladderId: string) =>
  new HttpProblem(400, 'Bad Request', `that staff member is not a team leader of the ladder "${ladderId}"`);

/**
 * A team leader names the candidate's reviewer: one of the ladder's staff, with room under their capacity.
 * Reminders and escalations about the candidate go to them first. Naming another is audited as a reassignment.
 */
export async function nameReviewer(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  staffId: string,
): Promise<{ contributorId: string; reviewer: Reviewer; changed: boolean }> {
  const ladderId = await ladderOf(deps.pool, contributorId);
  if (!ladderId) throw notFound('no such contributor');
  const reviewer = (await reviewersOnLadder(deps, ladderId)).find((r) => r.staffId === staffId);
  if (!reviewer) throw notOnLadder(ladderId);
  const current = await reviewerOf(deps.pool, contributorId);
  if (current?.staffId === staffId) return { contributorId, reviewer, changed: false };
  if (reviewer.load >= reviewer.capacity)
    throw conflict(
      `${reviewer.name} reviews ${reviewer.load} open candidate${reviewer.load === 1 ? '' : 's'} already, as many as their capacity of ${reviewer.capacity}`,
    );
  await inTransaction(deps.pool, async (db) => {
    await assignReviewer(db, { contributorId, ladderId, staffId, by: caller.id });
    await appendAudit(db, {
      idempotencyKey: `reviewer:${contributorId}:${staffId}:${randomBytes(6).toString('hex')}`,
      actor: `${caller.role}:${caller.id}`,
      action: current ? 'reviewer.reassigned' : 'reviewer.assigned',
      contributorId,
      details: { reviewer: staffId, ...(current ? { from: current.staffId } : {}) },
    });
  });
  const now = (await reviewersOnLadder(deps, ladderId)).find((r) => r.staffId === staffId) ?? reviewer;
  return { contributorId, reviewer: now, changed: true };
}

/** How many open candidates a staff member of the ladder reviews at once. */
export async function setReviewerCapacity(
  deps: UseCaseDeps,
  caller: Caller,
  ladderId: string,
  staffId: string,
  capacity: number,
): Promise<Reviewer> {
  const reviewer = (await reviewersOnLadder(deps, ladderId)).find((r) => r.staffId === staffId);
  if (!reviewer) throw notFound(`no team leader ${staffId} on the ladder "${ladderId}"`);
  await inTransaction(deps.pool, async (db) => {
    await setCapacity(db, staffId, ladderId, capacity);
    await appendAudit(db, {
      idempotencyKey: `reviewer-capacity:${ladderId}:${staffId}:${randomBytes(6).toString('hex')}`,
      actor: `${caller.role}:${caller.id}`,
      action: 'reviewer.capacity-set',
      details: { ladder: ladderId, reviewer: staffId, capacity, was: reviewer.capacity },
    });
  });
  return { ...reviewer, capacity };
}
