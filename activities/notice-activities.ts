import type { Pool } from 'pg';
import type { Mailer } from '../platform/mailer';
import { noticeRecipients } from '../store/leads';
import { htmlOfText } from './mail/compose';
import { mailOnce } from './mail-once';

export interface NoticeInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  /** The ladder file's team leader: whom the notice goes to until the ladder is handed over. */
  to?: string;
  /** `reviewer`: the candidate's named reviewer first, where there is one. */
  route?: 'reviewer';
  subject: string;
  text: string;
}

/** Whom a notice went to: the candidate's reviewer, or the ladder's team leader; null when the ladder names nobody. */
export type NoticeSent = { as: 'reviewer' | 'team-leader' } | null;

export function createNoticeActivities({ pool, mailer }: { pool: Pool; mailer: Mailer }) {
  const mail = mailOnce(pool, mailer);
  return {
    /**
     * A plain notice to a person other than the candidate (an escalation, a review due), once per key. The
     * recipient is decided as it is sent: the candidate's reviewer when the route asks for them and one is named,
     * else whoever leads the ladder now (after a handover, the successor), else the file's contact.
     */
    async sendNotice(input: NoticeInput): Promise<NoticeSent> {
      const { reviewer, lead } = await noticeRecipients(pool, input.contributorId);
      const asReviewer = input.route === 'reviewer' && reviewer !== undefined;
      const to = asReviewer ? reviewer : (lead ?? input.to);
      if (!to) return null;
      const sent: NoticeSent = { as: asReviewer ? 'reviewer' : 'team-leader' };
      if (await mail.sentMessageId(input.idempotencyKey)) return sent;
      await mail.send(
        input.idempotencyKey,
        { to, subject: input.subject, text: input.text, html: htmlOfText(input.subject, input.text) },
        {
          action: 'mail.notice',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { to, subject: input.subject, as: sent.as },
        },
      );
      return sent;
    },
  };
}
