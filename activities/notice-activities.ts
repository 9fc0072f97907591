import type { Pool } from 'pg';
import type { Mailer } from '../platform/mailer';
import { htmlOfText } from './mail/compose';
import { mailOnce } from './mail-once';

export interface NoticeInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  to: string;
  subject: string;
  text: string;
}

export function createNoticeActivities({ pool, mailer }: { pool: Pool; mailer: Mailer }) {
  const mail = mailOnce(pool, mailer);
  return {
    /** A plain notice to a person other than the candidate (an escalation to the team leader), once per key. */
    async sendNotice(input: NoticeInput): Promise<void> {
      if (await mail.sentMessageId(input.idempotencyKey)) return;
      await mail.send(
        input.idempotencyKey,
        { to: input.to, subject: input.subject, text: input.text, html: htmlOfText(input.subject, input.text) },
        {
          action: 'mail.notice',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { to: input.to, subject: input.subject },
        },
      );
    },
  };
}
