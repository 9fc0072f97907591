-- Board motions and arbitration disputes as the promotion workflows last
-- reported them: projections for the board's and arbitrators' lists.
CREATE TABLE motions (
  id              text PRIMARY KEY,
  contributor_id  text NOT NULL,
  workflow_id     text NOT NULL,
  title           text NOT NULL,
  state           text NOT NULL CHECK (state IN ('open', 'passed', 'rejected', 'withdrawn')),
  seats           integer NOT NULL,
  quorum          integer NOT NULL,
  tally           jsonb NOT NULL,
  votes           jsonb NOT NULL DEFAULT '[]'::jsonb,
  opened_at       timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX motions_state ON motions (state, opened_at);

CREATE TABLE disputes (
  id              text PRIMARY KEY,
  contributor_id  text NOT NULL,
  workflow_id     text NOT NULL,
  state           text NOT NULL CHECK (state IN ('open', 'positive', 'negative', 'timed-out', 'withdrawn')),
  filed_with      text NOT NULL,
  subject         text NOT NULL,
  filed_at        timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disputes_state ON disputes (state, filed_at);

-- A key may belong to a contributor (a board member on the ladder), so that
-- nobody votes on their own case.
ALTER TABLE api_keys ADD COLUMN contributor_id text;
