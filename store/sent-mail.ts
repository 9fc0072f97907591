import { prepared } from './prepared';
import type { Queryable } from './queryable';

const selectSent = prepared<[string]>('SELECT message_id FROM sent_mail WHERE idempotency_key = $1');
const insertSent = prepared<[string, string, string, string]>(
  'INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
);

/** The message id of the mail sent under this key, if one was. */
export async function sentMessageId(db: Queryable, idempotencyKey: string): Promise<string | undefined> {
  const { rows } = await db.query<{ message_id: string }>(selectSent(idempotencyKey));
  return rows[0]?.message_id;
}

export async function recordSentMail(
  db: Queryable,
  mail: { idempotencyKey: string; messageId: string; recipient: string; subject: string },
): Promise<void> {
  await db.query(insertSent(mail.idempotencyKey, mail.messageId, mail.recipient, mail.subject));
}
