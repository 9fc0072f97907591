import type { Queryable } from './queryable';

/** How long something took, in days: the median and the 90th percentile, over `count` cases. */
export interface Spread {
  name: string;
  count: number;
  median: number;
  p90: number;
}

export interface LadderStats {
  /** Per gate (step title): from the promotion's start to the step done. */
  gates: Spread[];
  /** Per level: from the level before (or onboarding) to reaching it. */
  levels: Spread[];
  /** Contributors onboarded in the period, and how many of them reached each level. */
  funnel: { onboarded: number; reached: Record<string, number> };
}

const SPREAD = `count(*)::int AS count,
  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1)::float AS median,
  round(percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::numeric, 1)::float AS p90`;

/** A ladder's figures over the promotions started, and the contributors onboarded, since `since`. */
export async function ladderStats(db: Queryable, ladderId: string, since: Date): Promise<LadderStats> {
  const [gates, levels, onboarded, reached] = await Promise.all([
    db.query<Spread>(
      `SELECT name, ${SPREAD} FROM (
         SELECT s ->> 'title' AS name,
                extract(epoch FROM (s ->> 'completedAt')::timestamptz - (p.view ->> 'startedAt')::timestamptz) / 86400 AS days
           FROM workflow_views p
           JOIN contributors c ON c.id = p.contributor_id
           CROSS JOIN LATERAL jsonb_array_elements(p.view -> 'steps') s
          WHERE c.ladder_id = $1 AND p.view ? 'target' AND p.view ? 'startedAt'
            AND (p.view ->> 'startedAt')::timestamptz >= $2 AND s ->> 'status' = 'done') d
        GROUP BY name ORDER BY name`,
      [ladderId, since],
    ),
    db.query<Spread>(
      `SELECT name, ${SPREAD} FROM (
         SELECT h.value ->> 'level' AS name,
                extract(epoch FROM (h.value ->> 'enteredAt')::timestamptz - COALESCE(
                  lag((h.value ->> 'enteredAt')::timestamptz) OVER (PARTITION BY c.id ORDER BY h.ordinality),
                  c.created_at)) / 86400 AS days
           FROM contributors c
           JOIN workflow_views v ON v.workflow_id = c.workflow_id
           CROSS JOIN LATERAL jsonb_array_elements(v.view -> 'history') WITH ORDINALITY h
          WHERE c.ladder_id = $1) d
        WHERE days IS NOT NULL
        GROUP BY name`,
      [ladderId],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM contributors WHERE ladder_id = $1 AND created_at >= $2', [
      ladderId,
      since,
    ]),
    db.query<{ level: string; n: number }>(
      `SELECT h ->> 'level' AS level, count(DISTINCT c.id)::int AS n
         FROM contributors c
         JOIN workflow_views v ON v.workflow_id = c.workflow_id
         CROSS JOIN LATERAL jsonb_array_elements(v.view -> 'history') h
        WHERE c.ladder_id = $1 AND c.created_at >= $2
        GROUP BY 1`,
      [ladderId, since],
    ),
  ]);
  return {
    gates: gates.rows,
    levels: levels.rows,
    funnel: {
      onboarded: onboarded.rows[0]?.n ?? 0,
      reached: Object.fromEntries(reached.rows.map((r) => [r.level, r.n])),
    },
  };
}
