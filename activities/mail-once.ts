import type { Pool } from 'pg';
import type { Mailer, OutgoingMail } from '../platform/mailer';
import { writeAudit } from './audit';
import { prepared } from '../store/prepared';

export interface MailAudit {
  action: string;
  contributorId: string;
  workflowId: string;
  details: Record<string, unknown>;
}

const selectSent = prepared<[string]>('SELECT message_id FROM sent_mail WHERE idempotency_key = $1');
const insertSent = prepared<[string, string, string, string]>(
  'INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
);

/**
 * Mail that goes out once per idempotency key, however often the activity
 * sending it is retried: the key is recorded with the message id once the
 * server has taken it, and the audit row says what was sent. (A crash between
 * the hand-over and the record can still send twice: SMTP has no transactions.)
 */
export function mailOnce(pool: Pool, mailer: Mailer) {
  return {
    async sentMessageId(idempotencyKey: string): Promise<string | undefined> {
      const { rows } = await pool.query<{ message_id: string }>(selectSent(idempotencyKey));
      return rows[0]?.message_id;
    },

    async send(idempotencyKey: string, mail: OutgoingMail, audit: MailAudit): Promise<string> {
      const { messageId } = await mailer.send(mail);
      await pool.query(insertSent(idempotencyKey, messageId, mail.to, mail.subject));
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
