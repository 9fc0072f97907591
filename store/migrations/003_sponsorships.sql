-- A link may be for someone other than the candidate: a sponsor vouching.
ALTER TABLE link_tokens ADD COLUMN actor_type text NOT NULL DEFAULT 'candidate';
ALTER TABLE link_tokens ADD COLUMN actor_id text;

-- Who vouched for whom: a sponsor answers for the people they entrusted.
CREATE TABLE sponsorships (
  sponsor_id      text NOT NULL,
  contributor_id  text NOT NULL,
  ladder_id       text NOT NULL,
  level           text NOT NULL,
  workflow_id     text NOT NULL,
  vouched_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workflow_id, sponsor_id)
);
CREATE INDEX sponsorships_sponsor ON sponsorships (sponsor_id);
