import { prepared } from './prepared';
import type { Queryable } from './queryable';

/** The contributor's row: what the workflow projects of them, and what mail and the roster read. */
export async function upsertContributor(
  db: Queryable,
  c: { id: string; ladderId: string; workflowId: string; name: string; email: string; language: string },
): Promise<void> {
  await db.query(
    `INSERT INTO contributors (id, ladder_id, workflow_id, name, email, language)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE
       SET name = EXCLUDED.name, email = EXCLUDED.email, language = EXCLUDED.language, updated_at = now()`,
    [c.id, c.ladderId, c.workflowId, c.name, c.email, c.language],
  );
}

// Leaving (a null level) starts the retention period of their personal data (see store/purge.ts).
const updateLevel = prepared<[string, string | null, string | null, string | null]>(
  `UPDATE contributors SET level = $2, left_at = CASE WHEN $2::text IS NULL THEN now() END,
          left_as = $3, former_level = $4, updated_at = now()
    WHERE id = $1`,
);

/** How a contributor left: an emeritus is listed on the roster with the level they held. */
export interface Departure {
  as: 'emeritus' | 'revoked' | 'inactive';
  formerLevel: string | null;
}

/** The level held now; null when the contributor has left (and how, when they left the ladder). */
export async function setLevel(
  db: Queryable,
  contributorId: string,
  level: string | null,
  departure?: Departure,
): Promise<void> {
  await db.query(updateLevel(contributorId, level, departure?.as ?? null, departure?.formerLevel ?? null));
}

const selectContact = prepared<[string]>('SELECT name, email, language FROM contributors WHERE id = $1');

export interface Contact {
  name: string;
  email: string;
  /** The language they read mail and pages in (platform/i18n). */
  language: string;
}

export async function contactOf(db: Queryable, contributorId: string): Promise<Contact | undefined> {
  const { rows } = await db.query<Contact>(selectContact(contributorId));
  return rows[0];
}

const selectLadderOf = prepared<[string]>('SELECT ladder_id FROM contributors WHERE id = $1');

export async function ladderOf(db: Queryable, contributorId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ ladder_id: string }>(selectLadderOf(contributorId));
  return rows[0]?.ladder_id;
}

/** One contributor's name and level on a ladder, or undefined when they are not on it. */
export async function standingOn(
  db: Queryable,
  contributorId: string,
  ladderId: string,
): Promise<{ name: string; level: string | null } | undefined> {
  const { rows } = await db.query<{ name: string; level: string | null }>(
    'SELECT name, level FROM contributors WHERE id = $1 AND ladder_id = $2',
    [contributorId, ladderId],
  );
  return rows[0];
}

/** Everyone on a ladder at one of the levels, but the candidate, in id order. */
export async function holdersOf(
  db: Queryable,
  ladderId: string,
  levels: string[],
  exceptId: string,
): Promise<{ id: string; level: string }[]> {
  const { rows } = await db.query<{ id: string; level: string }>(
    'SELECT id, level FROM contributors WHERE ladder_id = $1 AND level = ANY($2) AND id <> $3 ORDER BY id',
    [ladderId, levels, exceptId],
  );
  return rows;
}

export interface RosterRow {
  name: string;
  ladder_id: string;
  /** The level held, or an emeritus's former level. */
  level: string;
  emeritus: boolean;
  since: Date | null;
  entrusted_by: string[];
}

/**
 * The public roster: who holds a level now, since when, and who vouched for them, and the emeriti with the level
 * they stepped down from (since then); of one ladder or all.
 */
export async function roster(db: Queryable, ladderId: string | null): Promise<RosterRow[]> {
  const { rows } = await db.query<RosterRow>(
    `SELECT c.name, c.ladder_id, COALESCE(c.level, c.former_level) AS level, c.level IS NULL AS emeritus,
            CASE WHEN c.level IS NULL THEN c.left_at
                 ELSE (SELECT max(COALESCE((e.details->>'since')::timestamptz, e.occurred_at)) FROM audit_events e
                        WHERE e.contributor_id = c.id AND e.action IN ('level.entered', 'contributor.imported'))
            END AS since,
            COALESCE((SELECT array_agg(DISTINCT sp.name ORDER BY sp.name) FROM sponsorships s JOIN contributors sp ON sp.id = s.sponsor_id
                       WHERE s.contributor_id = c.id AND s.level = COALESCE(c.level, c.former_level) AND sp.purged_at IS NULL), '{}') AS entrusted_by
       FROM contributors c
      WHERE c.purged_at IS NULL AND ($1::text IS NULL OR c.ladder_id = $1)
        AND ((c.level IS NOT NULL AND c.left_at IS NULL) OR (c.left_as = 'emeritus' AND c.former_level IS NOT NULL))
      ORDER BY c.ladder_id, emeritus, c.name
      LIMIT 5000`,
    [ladderId],
  );
  return rows;
}
