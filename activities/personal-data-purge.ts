import type { Pool } from 'pg';
import { inTransaction } from '../store/transaction';
import { writeAudit } from './audit';

export interface PurgeResult {
  purged: string[];
  /** More contributors are due than this run took: run again. */
  more: boolean;
}

/**
 * Erases the personal data of contributors who left the ladder more than
 * `retentionDays` ago: their name and address, the details of their audit
 * rows (the hash chain covers only a digest of those, so it still verifies),
 * the subjects of their motions and disputes, the mail log's addresses,
 * their identities on other systems and their links. What stays is pseudonymous: ids, levels, dates and decisions.
 */
export async function purgePersonalData(
  pool: Pool,
  options: { retentionDays: number; limit?: number; now?: Date; dryRun?: boolean },
): Promise<PurgeResult> {
  const limit = options.limit ?? 100;
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionDays * 86_400_000);
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM contributors WHERE left_at < $1 AND purged_at IS NULL ORDER BY left_at LIMIT $2',
    [cutoff, limit + 1],
  );
  const due = rows.slice(0, limit).map((r) => r.id);
  if (!options.dryRun) for (const id of due) await purgeOne(pool, id, options.retentionDays);
  return { purged: due, more: rows.length > limit };
}

async function purgeOne(pool: Pool, id: string, retentionDays: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Locked and checked again, so two purges at once erase once.
    const { rows } = await client.query<{ email: string }>(
      'SELECT email FROM contributors WHERE id = $1 AND purged_at IS NULL FOR UPDATE',
      [id],
    );
    const email = rows[0]?.email;
    if (email === undefined) return;
    await client.query(
      "UPDATE contributors SET name = '(purged)', email = 'purged+' || id || '@invalid', purged_at = now(), updated_at = now() WHERE id = $1",
      [id],
    );
    await client.query(
      "UPDATE audit_events SET details = '{}', details_salt = NULL, purged_at = now() WHERE contributor_id = $1 AND purged_at IS NULL",
      [id],
    );
    await client.query("UPDATE motions SET title = '(purged)', votes = '[]' WHERE contributor_id = $1", [id]);
    await client.query("UPDATE disputes SET subject = '(purged)' WHERE contributor_id = $1", [id]);
    await client.query('DELETE FROM link_tokens WHERE contributor_id = $1', [id]);
    await client.query('DELETE FROM contributor_identities WHERE contributor_id = $1', [id]);
    await client.query('DELETE FROM workflow_views WHERE contributor_id = $1', [id]);
    // The same person may still be on another ladder: their mail log stays until they leave that one too.
    await client.query(
      `UPDATE sent_mail SET recipient = '(purged)', subject = '(purged)'
        WHERE lower(recipient) = lower($1) AND NOT EXISTS (SELECT 1 FROM contributors WHERE lower(email) = lower($1) AND purged_at IS NULL)`,
      [email],
    );
    await writeAudit(client, {
      idempotencyKey: `purge:${id}`,
      actor: 'system',
      action: 'contributor.purged',
      contributorId: id,
      details: { retentionDays },
    });
  });
}
