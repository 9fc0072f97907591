import { asyncLocalStorage } from '@temporalio/activity';
import type { Pool, PoolClient } from 'pg';
import { appendAudit, type AuditEvent } from '../store/audit';
import { inTransaction } from '../store/transaction';

export type { AuditEvent };

/** Appends an event to the audit trail and, in an activity, logs that it did. */
export async function writeAudit(db: Pool | PoolClient, event: AuditEvent): Promise<void> {
  const written = await appendAudit(db, event);
  // In an activity, each event also becomes a log line carrying the workflow (and so the contributor); a retry's repeat does not.
  // The details stay out of the log: they may name people, and the purge cannot reach a log.
  if (written)
    asyncLocalStorage.getStore()?.log.info(event.action, { actor: event.actor, contributorId: event.contributorId });
}

/**
 * Makes a change and writes its audit row in one transaction, when there is
 * one: both land or neither, in one round trip of the workflow's. The change
 * goes first, so the audit chain's lock is held only for the row.
 */
export async function writeWithAudit(
  pool: Pool,
  audit: AuditEvent | undefined,
  change: (db: Pool | PoolClient) => Promise<unknown>,
): Promise<void> {
  if (!audit) {
    await change(pool);
    return;
  }
  await inTransaction(pool, async (client) => {
    await change(client);
    await writeAudit(client, audit);
  });
}
