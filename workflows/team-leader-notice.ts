import type { Ladder } from '../domain/ladder';
import { activities } from './activities-proxy';

/** Mails the ladder's team leader, when its file names one; a ladder without a contact goes without. */
export async function noticeToTeamLeader(
  ladder: Ladder,
  notice: { idempotencyKey: string; contributorId: string; workflowId: string; subject: string; text: string },
): Promise<void> {
  const to = ladder.contacts?.teamLeader;
  if (to) await activities.sendNotice({ ...notice, to });
}
