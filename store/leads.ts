import type { Queryable } from './queryable';

/** A ladder's lead since its handover, while their account stands; undefined before any handover. */
export async function leadOf(
  db: Queryable,
  ladderId: string,
): Promise<{ staffId: string; name: string; email: string; since: Date } | undefined> {
  const { rows } = await db.query<{ staffId: string; name: string; email: string; since: Date }>(
    `SELECT l.staff_id AS "staffId", a.name, a.email, l.since
       FROM ladder_leads l JOIN staff_accounts a ON a.id = l.staff_id AND a.removed_at IS NULL
      WHERE l.ladder_id = $1`,
    [ladderId],
  );
  return rows[0];
}

export async function setLead(db: Queryable, ladderId: string, staffId: string, by: string): Promise<void> {
  await db.query(
    `INSERT INTO ladder_leads (ladder_id, staff_id, handed_over_by) VALUES ($1, $2, $3)
     ON CONFLICT (ladder_id) DO UPDATE SET staff_id = EXCLUDED.staff_id, since = now(), handed_over_by = EXCLUDED.handed_over_by`,
    [ladderId, staffId, by],
  );
}

/** Who a notice about a contributor goes to: their reviewer (when asked for and named), else their ladder's lead. */
export async function noticeRecipients(
  db: Queryable,
  contributorId: string,
): Promise<{ reviewer?: string; lead?: string }> {
  const { rows } = await db.query<{ reviewer: string | null; lead: string | null }>(
    `SELECT (SELECT a.email FROM reviewer_assignments r JOIN staff_accounts a ON a.id = r.staff_id AND a.removed_at IS NULL
              WHERE r.contributor_id = c.id) AS reviewer,
            (SELECT a.email FROM ladder_leads l JOIN staff_accounts a ON a.id = l.staff_id AND a.removed_at IS NULL
              WHERE l.ladder_id = c.ladder_id) AS lead
       FROM contributors c WHERE c.id = $1`,
    [contributorId],
  );
  const row = rows[0];
  return { ...(row?.reviewer ? { reviewer: row.reviewer } : {}), ...(row?.lead ? { lead: row.lead } : {}) };
}

/** Revokes the API keys an account holds as team leader of the ladder; answers their ids. */
export async function revokeLadderKeysOf(db: Queryable, staffId: string, ladderId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE api_keys SET revoked_at = now()
      WHERE staff_id = $1 AND ladder_id = $2 AND role = 'team-leader' AND revoked_at IS NULL
      RETURNING id`,
    [staffId, ladderId],
  );
  return rows.map((r) => r.id).sort();
}

/** What waits on a ladder: promotions under way (the longest waiting first) and reviews due. */
export interface OpenItem {
  contributorId: string;
  name: string;
  level: string | null;
  /** The level a promotion under way leads to. */
  target: string | null;
  waitingSince: Date;
  /** Why a review is due, when one is. */
  review: string | null;
}

export async function openItemsOf(db: Queryable, ladderId: string): Promise<OpenItem[]> {
  const { rows } = await db.query<OpenItem>(
    `SELECT e.contributor_id AS "contributorId", e.name, e.level, e.target, e.waiting_since AS "waitingSince",
            v.view -> 'review' ->> 'reason' AS review
       FROM pipeline_entries e
       JOIN contributors c ON c.id = e.contributor_id
       LEFT JOIN workflow_views v ON v.workflow_id = c.workflow_id
      WHERE e.ladder_id = $1 AND (e.promotion_id IS NOT NULL OR v.view -> 'review' IS NOT NULL)
      ORDER BY (e.promotion_id IS NULL), e.waiting_since, e.name
      LIMIT 500`,
    [ladderId],
  );
  return rows;
}
