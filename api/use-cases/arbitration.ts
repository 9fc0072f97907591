import type { Caller } from '../../platform/api-keys';
import { findDispute } from '../../store/disputes';
import { verdictUpdate, type PromotionStatus } from '../../workflows/messages';
import { conflict, notFound } from '../problem';
import type { UseCaseDeps } from './deps';

export interface Verdict {
  verdict: 'positive' | 'negative';
  note?: string;
}

/** Arbitration's verdict on a background-check dispute, from the API or the console. */
export async function recordVerdict(
  { pool, temporal }: UseCaseDeps,
  caller: Caller,
  disputeId: string,
  verdict: Verdict,
): Promise<PromotionStatus['dispute']> {
  const dispute = await findDispute(pool, disputeId);
  if (!dispute) throw notFound('no such dispute');
  if (dispute.state !== 'open') throw conflict(`the dispute is already ${dispute.state}`);
  return temporal.workflow.getHandle(dispute.workflow_id).executeUpdate(verdictUpdate, {
    args: [{ arbitrator: caller.id, verdict: verdict.verdict, note: verdict.note }],
  });
}
