import { ApplicationFailure, asyncLocalStorage } from '@temporalio/activity';
import type { Pool, PoolClient } from 'pg';
import { FailureType } from '../domain/failure-types';
import { appendAudit, type AuditEvent as AuditRecord } from '../store/audit';
import { useLink } from '../store/links';
import { inTransaction } from '../store/transaction';

export type AuditEvent = AuditRecord & {
  /** The emailed link the step was done through: used up in the same transaction as the row. */
  linkId?: string;
};

/** Appends an event to the audit trail and, in an activity, logs that it did. */
export async function writeAudit(db: Pool | PoolClient, event: AuditEvent): Promise<void> {
  logWritten(event, await appendAudit(db, event));
}

// In an activity, each event also becomes a log line carrying the workflow (and so the contributor); a retry's repeat does not.
// The details stay out of the log: they may name people, and the purge cannot reach a log.
function logWritten(event: AuditEvent, written: boolean): void {
  if (written)
    asyncLocalStorage.getStore()?.log.info(event.action, { actor: event.actor, contributorId: event.contributorId });
}

/**
 * Makes a change and writes its audit row in one transaction, when there is
 * one: both land or neither, in one round trip of the workflow's. The change
 * goes first, so the audit chain's lock is held only for the row.
 *
 * A row that names the emailed link its step was done through uses the link
 * up in the same transaction: a link counts as used exactly when its step's
 * row exists. The API holds no lock while the workflow works; two clicks at
 * once meet here, and the second finds the link used.
 */
export async function writeWithAudit(
  pool: Pool,
  audit: AuditEvent | undefined,
  change: (db: Pool | PoolClient) => Promise<unknown> = async () => undefined,
): Promise<void> {
  if (!audit) {
    await change(pool);
    return;
  }
  const written = await inTransaction(pool, async (client) => {
    await change(client);
    const appended = await appendAudit(client, audit);
    // A retry of a row already written finds its link used by that same write.
    if (appended && audit.linkId && !(await useLink(client, audit.linkId)))
      throw ApplicationFailure.create({
        type: FailureType.LinkUsed,
        message: 'this link has already been used',
        nonRetryable: true,
      });
    return appended;
  });
  logWritten(audit, written);
}
