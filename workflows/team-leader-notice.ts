import type { Ladder } from '../domain/ladder';
import type { NoticeSent } from '../activities/notice-activities';
import { activities } from './activities-proxy';
import { hasPatch } from './patches';

export interface Notice {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  subject: string;
  text: string;
  /** `reviewer`: to the candidate's named reviewer first (activities/notice-activities.ts). */
  route?: 'reviewer';
}

/**
 * Mails whoever leads the ladder when it is sent (after a handover, the successor; else the file's contact), or,
 * routed so, the candidate's reviewer. A ladder that names nobody goes without; before the handover patch, so did
 * a ladder whose file names no contact.
 */
export async function noticeToTeamLeader(ladder: Ladder, notice: Notice): Promise<NoticeSent> {
  const to = ladder.contacts?.teamLeader;
  if (!to && !hasPatch('notices-to-current-lead')) return null;
  return (await activities.sendNotice({ ...notice, ...(to ? { to } : {}) })) ?? null;
}
