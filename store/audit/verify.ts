import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * Checks the audit hash chain the database builds (../migrations/004_audit_chain.sql),
 * recomputing every hash here from the values read, so a row changed behind
 * the database's back, removed, or put out of order is found.
 */

const GENESIS = Buffer.alloc(32);

interface ChainRow {
  seq: string;
  occurred_us: string;
  actor: string;
  action: string;
  contributor_id: string | null;
  workflow_id: string | null;
  idempotency_key: string;
  details_text: string;
  details_salt: Buffer | null;
  details_digest: Buffer;
  prev_hash: Buffer;
  row_hash: Buffer;
  purged_at: Date | null;
}

export interface ChainProblem {
  seq: string;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  purged: number;
  /** The last row's hash: note it down, and a later check shows nothing was cut off the end. */
  head: string;
  problems: ChainProblem[];
}

const sha256 = (...parts: Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** As audit_field() in SQL: byte length, colon, value; "~" for NULL. */
const field = (value: string | null) => (value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`);

function rowText(
  row: Pick<
    ChainRow,
    'seq' | 'occurred_us' | 'actor' | 'action' | 'contributor_id' | 'workflow_id' | 'idempotency_key' | 'details_digest'
  >,
): string {
  return [
    row.seq,
    row.occurred_us,
    row.actor,
    row.action,
    row.contributor_id,
    row.workflow_id,
    row.idempotency_key,
    row.details_digest.toString('hex'),
  ]
    .map(field)
    .join('');
}

function problemsOf(row: ChainRow, expectedSeq: bigint, previous: Buffer): string[] {
  const problems: string[] = [];
  if (BigInt(row.seq) !== expectedSeq)
    problems.push(`expected row ${expectedSeq} here: rows are missing or out of order`);
  if (!row.prev_hash.equals(previous)) problems.push('does not follow the row before it');
  if (!sha256(row.prev_hash, Buffer.from(rowText(row), 'utf8')).equals(row.row_hash))
    problems.push('its content does not match its hash');
  if (row.purged_at === null) {
    if (
      !row.details_salt ||
      !sha256(row.details_salt, Buffer.from(row.details_text, 'utf8')).equals(row.details_digest)
    )
      problems.push('its details do not match their digest');
  } else if (row.details_salt !== null || row.details_text !== '{}') {
    problems.push('is marked purged but still holds details');
  }
  return problems;
}

const BATCH = 2000;

export async function verifyAuditChain(pool: Pool): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let previous: Buffer = GENESIS;
  let expected = 1n;
  let rows = 0;
  let purged = 0;
  for (;;) {
    const batch = await pool.query<ChainRow>(
      `SELECT chain_seq::text AS seq, ((extract(epoch FROM occurred_at) * 1000000)::bigint)::text AS occurred_us,
              actor, action, contributor_id, workflow_id, idempotency_key, details::text AS details_text,
              details_salt, details_digest, prev_hash, row_hash, purged_at
         FROM audit_events WHERE chain_seq >= $1 ORDER BY chain_seq LIMIT ${BATCH}`,
      [expected.toString()],
    );
    for (const row of batch.rows) {
      for (const problem of problemsOf(row, expected, previous)) problems.push({ seq: row.seq, problem });
      expected = BigInt(row.seq) + 1n;
      previous = row.row_hash;
      rows++;
      if (row.purged_at) purged++;
    }
    if (batch.rows.length < BATCH) break;
  }
  const { rows: heads } = await pool.query<{ seq: string; head: Buffer }>(
    'SELECT seq::text AS seq, head FROM audit_chain_head',
  );
  const head = heads[0];
  if (!head || BigInt(head.seq) !== expected - 1n || !head.head.equals(previous)) {
    problems.push({
      seq: head?.seq ?? '?',
      problem: `the chain's recorded head (row ${head?.seq ?? 'none'}) is not its last row (${expected - 1n}): rows were cut off the end`,
    });
  }
  return { ok: problems.length === 0, rows, purged, head: previous.toString('hex'), problems };
}
