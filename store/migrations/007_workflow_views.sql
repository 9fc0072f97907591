-- What each contributor and promotion workflow shows its readers, written by
-- the workflow itself whenever it changes (workflows/view.ts), so the API
-- answers status reads and link pages from here without asking Temporal.
-- (revised_at, revision) orders a workflow's writes: workflow time, then a
-- counter within the run; a write older than the row is ignored.
CREATE TABLE workflow_views (
  workflow_id    text PRIMARY KEY,
  contributor_id text NOT NULL,
  revised_at     timestamptz NOT NULL,
  revision       integer NOT NULL,
  view           jsonb NOT NULL
);
CREATE INDEX workflow_views_contributor ON workflow_views (contributor_id);
