import type { Pool } from 'pg';
import type { Mailer } from '../platform/mailer';
import { recordDispute, setDisputeState } from '../store/disputes';
import { renderDisputeMail } from './mail/dispute-mail';
import { contributorContact } from './contact';
import { mailOnce } from './mail-once';
import { writeWithAudit, type AuditEvent } from './audit';

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
  const mail = mailOnce(pool, mailer);
  return {
    /** Files (or reminds arbitration of) a background-check dispute by email, once per key. */
    async fileDispute(input: FileDisputeInput): Promise<void> {
      if (await mail.sentMessageId(input.idempotencyKey)) return;
      const candidate = await contributorContact(pool, input.contributorId);
      const rendered = renderDisputeMail({ ...input, name: candidate.name, email: candidate.email });
      await recordDispute(pool, {
        id: input.disputeId,
        contributorId: input.contributorId,
        workflowId: input.workflowId,
        filedWith: input.arbitration,
        subject: rendered.subject,
      });
      await mail.send(
        input.idempotencyKey,
        { to: input.arbitration, ...rendered },
        {
          action: input.reminder === 0 ? 'dispute.filed' : 'dispute.reminded',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { dispute: input.disputeId, filedWith: input.arbitration, reminder: input.reminder },
        },
      );
    },

    /** Records the dispute's state, and with it, when given, the audit row of what changed it (the verdict). */
    async saveDispute(input: {
      disputeId: string;
      state: 'open' | 'positive' | 'negative' | 'timed-out' | 'withdrawn';
      audit?: AuditEvent;
    }): Promise<void> {
      await writeWithAudit(pool, input.audit, (db) => setDisputeState(db, input.disputeId, input.state));
    },
  };
}
