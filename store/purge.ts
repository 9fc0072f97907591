import type { PoolClient } from 'pg';
import type { Queryable } from './queryable';

/** Contributors who left before `cutoff` and are not purged yet, the longest gone first. */
export async function dueForPurge(db: Queryable, cutoff: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM contributors WHERE left_at < $1 AND purged_at IS NULL ORDER BY left_at LIMIT $2',
    [cutoff, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Erases one contributor's personal data, inside the caller's transaction:
 * name and address, the details of their audit rows (the hash chain covers
 * only a digest of those, so it still verifies), the subjects of their
 * motions and disputes, the mail log's addresses, their identities on other
 * systems, their links and views. False when they were purged already.
 */
export async function erasePersonalData(client: PoolClient, id: string): Promise<boolean> {
  // Locked and checked again, so two purges at once erase once.
  const { rows } = await client.query<{ email: string }>(
    'SELECT email FROM contributors WHERE id = $1 AND purged_at IS NULL FOR UPDATE',
    [id],
  );
  const email = rows[0]?.email;
  if (email === undefined) return false;
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
  return true;
}
