import type { Pool } from 'pg';
import type { Mailer } from '../mail/mailer';
import { paragraphs } from '../mail/html';
import { writeAudit } from './audit';

export interface NoticeInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  to: string;
  subject: string;
  text: string;
}

export function createNoticeActivities({ pool, mailer }: { pool: Pool; mailer: Mailer }) {
  return {
    /** A plain notice to a person other than the candidate (an escalation to the team leader), once per key. */
    async sendNotice(input: NoticeInput): Promise<void> {
      const sent = await pool.query('SELECT 1 FROM sent_mail WHERE idempotency_key = $1', [input.idempotencyKey]);
      if (sent.rowCount) return;
      const { messageId } = await mailer.send({ to: input.to, subject: input.subject, text: input.text, html: paragraphs(input.text) });
      await pool.query('INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        input.idempotencyKey,
        messageId,
        input.to,
        input.subject,
      ]);
      await writeAudit(pool, {
        idempotencyKey: `${input.idempotencyKey}:sent`,
        actor: 'system',
        action: 'mail.notice',
        contributorId: input.contributorId,
        workflowId: input.workflowId,
        details: { to: input.to, subject: input.subject, messageId },
      });
    },
  };
}
