-- The people who work in the console: team leaders (of one or more ladders),
-- board members, arbitrators, auditors, admins. An account may name the
-- contributor its holder is, so they never decide their own case. A removed
-- account is kept (the audit trail names it) but signs in no more.
CREATE TABLE staff_accounts (
  id             text PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL,
  contributor_id text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  removed_at     timestamptz
);
CREATE UNIQUE INDEX staff_accounts_email ON staff_accounts (lower(email)) WHERE removed_at IS NULL;

-- One row per role held; a team leader's names the ladder.
CREATE TABLE staff_roles (
  staff_id   text NOT NULL REFERENCES staff_accounts (id),
  role       text NOT NULL CHECK (role IN ('team-leader', 'board', 'arbitrator', 'auditor', 'admin')),
  ladder_id  text,
  granted_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'team-leader') = (ladder_id IS NOT NULL))
);
CREATE UNIQUE INDEX staff_roles_once ON staff_roles (staff_id, role, COALESCE(ladder_id, ''));

-- API keys stay for scripts; a key may belong to a staff account, and ends with it.
ALTER TABLE api_keys ADD COLUMN staff_id text REFERENCES staff_accounts (id);
