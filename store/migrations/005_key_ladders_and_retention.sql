-- A team leader's key names the ladder it may act on; other roles act
-- organisation-wide (NULL).
ALTER TABLE api_keys ADD COLUMN ladder_id text;

-- When a contributor left the ladder, and when their personal data was purged
-- after the retention period (`npm run purge`, and daily on a schedule).
ALTER TABLE contributors ADD COLUMN left_at timestamptz;
ALTER TABLE contributors ADD COLUMN purged_at timestamptz;
CREATE INDEX contributors_left ON contributors (left_at) WHERE left_at IS NOT NULL AND purged_at IS NULL;
UPDATE contributors c SET left_at = e.occurred_at
  FROM (SELECT contributor_id, max(occurred_at) AS occurred_at FROM audit_events WHERE action = 'level.left' GROUP BY contributor_id) e
 WHERE c.id = e.contributor_id AND c.level IS NULL;
