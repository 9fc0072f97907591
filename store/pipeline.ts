import type { StepStatus } from '../workflows/messages';
import type { Queryable } from './queryable';

/** One contributor on a ladder as the pipeline lists them. */
export interface PipelineRow {
  id: string;
  name: string;
  level: string | null;
  state: string;
  target: string | null;
  /** The open promotion's steps, when one is under way. */
  steps: StepStatus[] | null;
  /** Since when nothing has moved: the last step done, else the promotion's start, else the level's. */
  waiting_since: Date;
  stalled: boolean;
}

export interface PipelineQuery {
  ladderId: string;
  /** Part of a name, any case. */
  search?: string;
  /** Waiting longer than this counts as stalled. */
  stalledAfterMs: number;
  offset: number;
  limit: number;
}

// From the rows the workflows write (workflow_views): never a scan of Temporal's visibility.
const FROM = `
  FROM contributors c
  JOIN workflow_views v ON v.workflow_id = c.workflow_id
  LEFT JOIN workflow_views p ON p.workflow_id = v.view #>> '{promotion,workflowId}'
                            AND v.view #>> '{promotion,state}' = 'open'
 WHERE c.ladder_id = $1 AND v.view ->> 'state' <> 'left'
   AND ($2::text IS NULL OR c.name ILIKE '%' || $2 || '%')`;

const WAITING_SINCE = `COALESCE(
  (SELECT max((s ->> 'completedAt')::timestamptz) FROM jsonb_array_elements(p.view -> 'steps') s),
  (p.view ->> 'startedAt')::timestamptz,
  (v.view ->> 'levelSince')::timestamptz,
  c.created_at)`;

/** Everyone on a ladder, stalled promotions first, then the longest waiting; a page of them and the count. */
export async function pipeline(db: Queryable, q: PipelineQuery): Promise<{ rows: PipelineRow[]; total: number }> {
  const search = q.search?.replace(/[\\%_]/g, (ch) => `\\${ch}`) || null;
  const [page, count] = await Promise.all([
    db.query<PipelineRow>(
      `SELECT id, name, level, state, target, steps, waiting_since,
              steps IS NOT NULL AND waiting_since < now() - make_interval(secs => $3::double precision / 1000) AS stalled
         FROM (SELECT c.id, c.name, v.view ->> 'level' AS level, v.view ->> 'state' AS state,
                      p.view ->> 'target' AS target, p.view -> 'steps' AS steps, ${WAITING_SINCE} AS waiting_since
               ${FROM}) t
        ORDER BY stalled DESC, (steps IS NOT NULL) DESC, waiting_since ASC, name ASC, id ASC
        OFFSET $4 LIMIT $5`,
      [q.ladderId, search, q.stalledAfterMs, q.offset, q.limit],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n ${FROM}`, [q.ladderId, search]),
  ]);
  return { rows: page.rows, total: Number(count.rows[0]?.n ?? 0) };
}

/** Every row of a ladder's pipeline, a page at a time, for an export that does not hold it all in memory. */
export async function* wholePipeline(
  db: Queryable,
  q: Omit<PipelineQuery, 'offset' | 'limit'>,
  pageSize = 1000,
): AsyncGenerator<PipelineRow> {
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await pipeline(db, { ...q, offset, limit: pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/** How many of a ladder's contributors are promoting, and how many of those are stalled. */
export async function pipelineCounts(
  db: Queryable,
  ladderId: string,
  stalledAfterMs: number,
): Promise<{ promoting: number; stalled: number }> {
  const { rows } = await db.query<{ promoting: number; stalled: number }>(
    `SELECT count(*) FILTER (WHERE p.view IS NOT NULL)::int AS promoting,
            count(*) FILTER (WHERE p.view IS NOT NULL
                             AND ${WAITING_SINCE} < now() - make_interval(secs => $3::double precision / 1000))::int AS stalled
     ${FROM}`,
    [ladderId, null, stalledAfterMs],
  );
  return rows[0] ?? { promoting: 0, stalled: 0 };
}
