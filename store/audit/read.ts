import type { Pool } from 'pg';

/** Filters of the audit trail, as `GET /v1/audit` takes them. */
export interface AuditFilter {
  contributor?: string;
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
  /** The `seq` of the last row already read: the page after it. */
  after?: string;
}

export interface AuditRow {
  seq: string;
  occurredAt: string;
  actor: string;
  action: string;
  contributorId: string | null;
  workflowId: string | null;
  details: Record<string, unknown>;
  purged: boolean;
  prevHash: string;
  rowHash: string;
}

interface Row {
  seq: string;
  occurred_at: Date;
  actor: string;
  action: string;
  contributor_id: string | null;
  workflow_id: string | null;
  details: Record<string, unknown>;
  purged_at: Date | null;
  prev_hash: Buffer;
  row_hash: Buffer;
}

const toAuditRow = (r: Row): AuditRow => ({
  seq: r.seq,
  occurredAt: r.occurred_at.toISOString(),
  actor: r.actor,
  action: r.action,
  contributorId: r.contributor_id,
  workflowId: r.workflow_id,
  details: r.details,
  purged: r.purged_at !== null,
  prevHash: r.prev_hash.toString('hex'),
  rowHash: r.row_hash.toString('hex'),
});

/** One page of the trail in chain order, oldest first. */
export async function readAudit(pool: Pool, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const action = filter.action?.endsWith('*') ? { prefix: filter.action.slice(0, -1) } : { exact: filter.action };
  const { rows } = await pool.query<Row>(
    `SELECT chain_seq::text AS seq, occurred_at, actor, action, contributor_id, workflow_id, details, purged_at, prev_hash, row_hash
       FROM audit_events
      WHERE ($1::text IS NULL OR contributor_id = $1)
        AND ($2::text IS NULL OR action = $2)
        AND ($3::text IS NULL OR starts_with(action, $3))
        AND ($4::text IS NULL OR actor = $4)
        AND ($5::timestamptz IS NULL OR occurred_at >= $5)
        AND ($6::timestamptz IS NULL OR occurred_at < $6)
        AND chain_seq > $7
      ORDER BY chain_seq
      LIMIT $8`,
    [
      filter.contributor ?? null,
      action.exact ?? null,
      action.prefix ?? null,
      filter.actor ?? null,
      filter.since ?? null,
      filter.until ?? null,
      filter.after ?? '0',
      limit,
    ],
  );
  return rows.map(toAuditRow);
}

/** Every matching row, a page at a time, for an export that does not hold the trail in memory. */
export async function* readAllAudit(pool: Pool, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow> {
  let after = filter.after;
  for (;;) {
    const page = await readAudit(pool, { ...filter, after }, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

/** Whether a row with this hash (hex), a head noted earlier, is still in the chain. */
export async function auditHeadExists(pool: Pool, rowHash: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM audit_events WHERE row_hash = $1', [
    Buffer.from(rowHash, 'hex'),
  ]);
  return rowCount === 1;
}
