import type { Queryable } from './queryable';

/** Open candidates a reviewer takes when no capacity was set for them. */
export const DEFAULT_CAPACITY = 5;

export interface ReviewerLoad {
  staffId: string;
  name: string;
  email: string;
  capacity: number;
  /** Candidates assigned to them whose entry or promotion is under way. */
  load: number;
}

/** The staff members of a ladder (its team leaders), each with their capacity and open candidates. */
export async function reviewersOf(db: Queryable, ladderId: string): Promise<ReviewerLoad[]> {
  const { rows } = await db.query<ReviewerLoad>(
    `SELECT a.id AS "staffId", a.name, a.email, COALESCE(k.capacity, $2) AS capacity,
            (SELECT count(*)::int FROM reviewer_assignments r JOIN pipeline_entries p ON p.contributor_id = r.contributor_id
              WHERE r.staff_id = a.id AND r.ladder_id = $1 AND p.state IN ('onboarding', 'promoting')) AS load
       FROM staff_accounts a
       JOIN staff_roles s ON s.staff_id = a.id AND s.role = 'team-leader' AND s.ladder_id = $1
       LEFT JOIN reviewer_capacity k ON k.staff_id = a.id AND k.ladder_id = $1
      WHERE a.removed_at IS NULL
      ORDER BY lower(a.name), a.id`,
    [ladderId, DEFAULT_CAPACITY],
  );
  return rows;
}

export async function setCapacity(db: Queryable, staffId: string, ladderId: string, capacity: number): Promise<void> {
  await db.query(
    `INSERT INTO reviewer_capacity (staff_id, ladder_id, capacity) VALUES ($1, $2, $3)
     ON CONFLICT (staff_id, ladder_id) DO UPDATE SET capacity = EXCLUDED.capacity`,
    [staffId, ladderId, capacity],
  );
}

/** The candidate's reviewer now, if one is named. */
export async function reviewerOf(
  db: Queryable,
  contributorId: string,
): Promise<{ staffId: string; name: string; email: string } | undefined> {
  const { rows } = await db.query<{ staffId: string; name: string; email: string }>(
    `SELECT a.id AS "staffId", a.name, a.email FROM reviewer_assignments r JOIN staff_accounts a ON a.id = r.staff_id
      WHERE r.contributor_id = $1`,
    [contributorId],
  );
  return rows[0];
}

export async function assignReviewer(
  db: Queryable,
  a: { contributorId: string; ladderId: string; staffId: string; by: string },
): Promise<void> {
  await db.query(
    `INSERT INTO reviewer_assignments (contributor_id, ladder_id, staff_id, assigned_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contributor_id) DO UPDATE SET staff_id = EXCLUDED.staff_id, assigned_at = now(), assigned_by = EXCLUDED.assigned_by`,
    [a.contributorId, a.ladderId, a.staffId, a.by],
  );
}
