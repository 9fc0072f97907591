import type { Pool } from 'pg';
import type { Mailer, OutgoingMail } from '../platform/mailer';
import { writeAudit } from './audit';
import { recordSentMail, sentMessageId } from '../store/sent-mail';

export interface MailAudit {
  action: string;
  contributorId: string;
  workflowId: string;
  details: Record<string, unknown>;
}

/**
 * Mail that goes out once per idempotency key, however often the activity
 * sending it is retried: the key is recorded with the message id once the
 * server has taken it, and the audit row says what was sent. (A crash between
 * the hand-over and the record can still send twice: SMTP has no transactions.)
 */
export function mailOnce(pool: Pool, mailer: Mailer) {
  return {
    async sentMessageId(idempotencyKey: string): Promise<string | undefined> {
      return sentMessageId(pool, idempotencyKey);
    },

    async send(idempotencyKey: string, mail: OutgoingMail, audit: MailAudit): Promise<string> {
      const { messageId } = await mailer.send(mail);
      await recordSentMail(pool, { idempotencyKey, messageId, recipient: mail.to, subject: mail.subject });
      await writeAudit(pool, {
        idempotencyKey: `${idempotencyKey}:sent`,
        actor: 'system',
        ...audit,
        details: { ...audit.details, messageId },
      });
      return messageId;
    },
  };
}
