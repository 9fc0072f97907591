import type { Queryable } from './queryable';

/** A console session's data, by the hash of its id, while it has not expired. */
export async function readSession(db: Queryable, idHash: Buffer): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM console_sessions WHERE id_hash = $1 AND expires_at > now()',
    [idHash],
  );
  return rows[0]?.data;
}

/**
 * Writes a session. A new one is inserted; one read from here is only
 * updated, so a session deleted meanwhile (its account's access changed) is
 * not written back by a request that was already under way.
 */
export async function writeSession(
  db: Queryable,
  session: { idHash: Buffer; staffId: string | null; data: object; expiresAt: Date; isNew: boolean },
): Promise<void> {
  const values = [session.idHash, session.staffId, JSON.stringify(session.data), session.expiresAt];
  if (session.isNew)
    await db.query(
      `INSERT INTO console_sessions (id_hash, staff_id, data, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id_hash) DO UPDATE
         SET staff_id = EXCLUDED.staff_id, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, updated_at = now()`,
      values,
    );
  else
    await db.query(
      'UPDATE console_sessions SET staff_id = $2, data = $3, expires_at = $4, updated_at = now() WHERE id_hash = $1',
      values,
    );
}

export async function deleteSession(db: Queryable, idHash: Buffer): Promise<void> {
  await db.query('DELETE FROM console_sessions WHERE id_hash = $1', [idHash]);
}

/** Signs an account out everywhere: its access changed or ended. Answers how many sessions ended. */
export async function deleteSessionsOf(db: Queryable, staffId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM console_sessions WHERE staff_id = $1', [staffId]);
  return rowCount ?? 0;
}

/** Drops sessions and sign-in links past their time. */
export async function deleteExpiredConsoleRows(db: Queryable): Promise<number> {
  const sessions = await db.query('DELETE FROM console_sessions WHERE expires_at <= now()');
  const links = await db.query("DELETE FROM console_sign_in_links WHERE expires_at <= now() - interval '1 day'");
  return (sessions.rowCount ?? 0) + (links.rowCount ?? 0);
}

export async function recordSignInLink(
  db: Queryable,
  link: { id: string; staffId: string; expiresAt: Date },
): Promise<void> {
  await db.query('INSERT INTO console_sign_in_links (id, staff_id, expires_at) VALUES ($1, $2, $3)', [
    link.id,
    link.staffId,
    link.expiresAt,
  ]);
}

/**
 * Uses a sign-in link once: answers the account it signs in, while the link is
 * unused, unexpired and the account not removed; undefined otherwise.
 */
export async function useSignInLink(db: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ staff_id: string }>(
    `UPDATE console_sign_in_links l SET used_at = now()
       FROM staff_accounts a
      WHERE l.id = $1 AND l.used_at IS NULL AND l.expires_at > now()
        AND a.id = l.staff_id AND a.removed_at IS NULL
      RETURNING l.staff_id`,
    [id],
  );
  return rows[0]?.staff_id;
}

/** Whether a sign-in link was used already, for telling the person so. */
export async function signInLinkUsed(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM console_sign_in_links WHERE id = $1 AND used_at IS NOT NULL', [id]);
  return rows.length > 0;
}
