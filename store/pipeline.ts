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

// From pipeline_entries, which triggers keep as the workflows write their views: never a scan of Temporal's visibility.
const WHERE = `WHERE ladder_id = $1 AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%')`;
const STALLED = `promotion_id IS NOT NULL AND waiting_since < now() - make_interval(secs => $3::double precision / 1000)`;

/** A search as SQL's ILIKE takes it, with its own % and _ meaning themselves. */
const searchOf = (q: { search?: string }) => q.search?.replace(/[\\%_]/g, (ch) => `\\${ch}`) || null;

/**
 * A page of a ladder's pipeline: promotions under way first, the longest waiting first. Stalled promotions are
 * those waiting longest, so they lead without sorting on stalled itself, and the page is read in the order of
 * the index; the page's ids first, then their rows, so the sort never carries the steps of all.
 */
async function pipelinePage(db: Queryable, q: PipelineQuery): Promise<PipelineRow[]> {
  const { rows } = await db.query<PipelineRow>(
    `SELECT e.contributor_id AS id, e.name, e.level, e.state, e.target, e.steps, e.waiting_since, ${STALLED} AS stalled
       FROM (SELECT contributor_id FROM pipeline_entries ${WHERE}
              ORDER BY (promotion_id IS NULL), waiting_since, name, contributor_id
             OFFSET $4 LIMIT $5) page
       JOIN pipeline_entries e USING (contributor_id)
      ORDER BY (e.promotion_id IS NULL), e.waiting_since, e.name, e.contributor_id`,
    [q.ladderId, searchOf(q), q.stalledAfterMs, q.offset, q.limit],
  );
  return rows;
}

/** Everyone on a ladder, as `pipelinePage` orders them: a page of them, and how many there are. */
export async function pipeline(db: Queryable, q: PipelineQuery): Promise<{ rows: PipelineRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    pipelinePage(db, q),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM pipeline_entries ${WHERE}`, [q.ladderId, searchOf(q)]),
  ]);
  return { rows, total: Number(count.rows[0]?.n ?? 0) };
}

/** Every row of a ladder's pipeline, a page at a time, for an export that does not hold it all in memory. */
export async function* wholePipeline(
  db: Queryable,
  q: Omit<PipelineQuery, 'offset' | 'limit'>,
  pageSize = 1000,
): AsyncGenerator<PipelineRow> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await pipelinePage(db, { ...q, offset, limit: pageSize });
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
    `SELECT count(*) FILTER (WHERE promotion_id IS NOT NULL)::int AS promoting,
            count(*) FILTER (WHERE ${STALLED})::int AS stalled
       FROM pipeline_entries ${WHERE}`,
    [ladderId, null, stalledAfterMs],
  );
  return rows[0] ?? { promoting: 0, stalled: 0 };
}
