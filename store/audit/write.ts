import type { Pool, PoolClient } from 'pg';
import { prepared } from '../prepared';

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

/** Appends the event to the chain (the database hashes it in); false when its key was already there. */
export async function appendAudit(db: Pool | PoolClient, event: AuditEvent): Promise<boolean> {
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
  return Boolean(rowCount);
}
