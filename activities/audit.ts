import { asyncLocalStorage } from '@temporalio/activity';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../store/transaction';
import { prepared } from '../store/prepared';

export interface AuditEvent {
  /** The same event written twice (a retried activity) lands once. */
  idempotencyKey: string;
  /** "team-leader:<key id>", "candidate:<contributor id>", "system", ... */
  actor: string;
  action: string;
  contributorId?: string;
  workflowId?: string;
  details?: Record<string, unknown>;
}

const insertAuditEvent = prepared<[string, string, string, string | null, string | null, string]>(
  `INSERT INTO audit_events (idempotency_key, actor, action, contributor_id, workflow_id, details)
   VALUES ($1, $2, $3, $4, $5, $6)
   ON CONFLICT (idempotency_key) DO NOTHING`,
);

export async function writeAudit(db: Pool | PoolClient, event: AuditEvent): Promise<void> {
  const { rowCount } = await db.query(
    insertAuditEvent(
      event.idempotencyKey,
      event.actor,
      event.action,
      event.contributorId ?? null,
      event.workflowId ?? null,
      JSON.stringify(event.details ?? {}),
    ),
  );
  // In an activity, each event also becomes a log line carrying the workflow (and so the contributor); a retry's repeat does not.
  // The details stay out of the log: they may name people, and the purge cannot reach a log.
  if (rowCount)
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
