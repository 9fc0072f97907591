-- The console's pipeline: one row per contributor still on a ladder, with
-- what the pipeline sorts and shows, kept current by triggers as the
-- workflows write their views (and as a contributor's row changes). The
-- page then reads a few columns of one ladder's rows instead of unpacking
-- every contributor's and promotion's view on each request.
CREATE TABLE pipeline_entries (
  contributor_id text PRIMARY KEY,
  ladder_id      text NOT NULL,
  name           text NOT NULL,
  level          text,
  state          text NOT NULL,
  -- The promotion under way, if any: its workflow, target level and steps.
  promotion_id   text,
  target         text,
  steps          jsonb,
  -- Since when nothing has moved: the last step done, else the promotion's start, else the level's.
  waiting_since  timestamptz NOT NULL
);
-- The pipeline's order: promotions under way first, the longest waiting first (so the stalled lead).
CREATE INDEX pipeline_entries_order
  ON pipeline_entries (ladder_id, (promotion_id IS NULL), waiting_since, name, contributor_id);

CREATE FUNCTION pipeline_refresh(cid text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pipeline_entries WHERE contributor_id = cid;
  INSERT INTO pipeline_entries (contributor_id, ladder_id, name, level, state, promotion_id, target, steps, waiting_since)
  SELECT c.id, c.ladder_id, c.name, v.view ->> 'level', v.view ->> 'state', p.workflow_id, p.view ->> 'target', p.view -> 'steps',
         COALESCE(
           (SELECT max((s ->> 'completedAt')::timestamptz) FROM jsonb_array_elements(p.view -> 'steps') s),
           (p.view ->> 'startedAt')::timestamptz,
           (v.view ->> 'levelSince')::timestamptz,
           c.created_at)
    FROM contributors c
    JOIN workflow_views v ON v.workflow_id = c.workflow_id
    LEFT JOIN workflow_views p ON p.workflow_id = v.view #>> '{promotion,workflowId}'
                              AND v.view #>> '{promotion,state}' = 'open'
   WHERE c.id = cid AND v.view ->> 'state' <> 'left';
END;
$$;

CREATE FUNCTION pipeline_follow_view() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pipeline_refresh(NEW.contributor_id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER workflow_views_pipeline AFTER INSERT OR UPDATE ON workflow_views
  FOR EACH ROW EXECUTE FUNCTION pipeline_follow_view();

CREATE FUNCTION pipeline_follow_contributor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pipeline_refresh(NEW.id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER contributors_pipeline AFTER INSERT OR UPDATE OF name, ladder_id ON contributors
  FOR EACH ROW EXECUTE FUNCTION pipeline_follow_contributor();

-- Those already on a ladder when this arrives.
SELECT pipeline_refresh(id) FROM contributors;
