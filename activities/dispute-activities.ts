import type { Pool } from 'pg';
import type { Mailer } from '../mail/mailer';
import { renderDisputeMail } from '../mail/dispute-mail';
import { writeAudit } from './audit';
import { permanentFailure } from './failures';

export interface FileDisputeInput {
  idempotencyKey: string;
  disputeId: string;
  contributorId: string;
  workflowId: string;
  ladderName: string;
  currentLevel: string;
  targetLevel: string;
  arbitration: string;
  /** 0 for the filing, then 1, 2, ... for each reminder. */
  reminder: number;
}

export function createDisputeActivities({ pool, mailer }: { pool: Pool; mailer: Mailer }) {
  return {
    /** Files (or reminds arbitration of) a background-check dispute by email, once per key. */
    async fileDispute(input: FileDisputeInput): Promise<void> {
      const sent = await pool.query('SELECT 1 FROM sent_mail WHERE idempotency_key = $1', [input.idempotencyKey]);
      if (sent.rowCount) return;
      const found = await pool.query<{ name: string; email: string }>('SELECT name, email FROM contributors WHERE id = $1', [input.contributorId]);
      const candidate = found.rows[0];
      if (!candidate) throw permanentFailure('UnknownContributor', `contributor ${input.contributorId} has no record`);
      const mail = renderDisputeMail({ ...input, name: candidate.name, email: candidate.email });
      await pool.query(
        `INSERT INTO disputes (id, contributor_id, workflow_id, state, filed_with, subject) VALUES ($1, $2, $3, 'open', $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [input.disputeId, input.contributorId, input.workflowId, input.arbitration, mail.subject],
      );
      const { messageId } = await mailer.send({ to: input.arbitration, ...mail });
      await pool.query('INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        input.idempotencyKey,
        messageId,
        input.arbitration,
        mail.subject,
      ]);
      await writeAudit(pool, {
        idempotencyKey: `${input.idempotencyKey}:sent`,
        actor: 'system',
        action: input.reminder === 0 ? 'dispute.filed' : 'dispute.reminded',
        contributorId: input.contributorId,
        workflowId: input.workflowId,
        details: { dispute: input.disputeId, filedWith: input.arbitration, messageId, reminder: input.reminder },
      });
    },

    async saveDispute(input: { disputeId: string; state: 'open' | 'positive' | 'negative' | 'timed-out' | 'withdrawn' }): Promise<void> {
      await pool.query('UPDATE disputes SET state = $2, updated_at = now() WHERE id = $1', [input.disputeId, input.state]);
    },
  };
}
