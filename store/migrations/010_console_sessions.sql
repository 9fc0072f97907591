-- Console sessions, kept server-side: the browser holds only a signed id.
-- The row is found by a hash of that id, so a copy of this table opens no
-- session. A session names its staff account once signed in; ending an
-- account's access deletes its rows, which signs it out everywhere.
CREATE TABLE console_sessions (
  id_hash    bytea PRIMARY KEY,
  staff_id   text REFERENCES staff_accounts (id),
  data       jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_sessions_staff ON console_sessions (staff_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- Emailed sign-in links. The token carries the signature; this row makes it
-- single-use and short-lived.
CREATE TABLE console_sign_in_links (
  id         text PRIMARY KEY,
  staff_id   text NOT NULL REFERENCES staff_accounts (id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at    timestamptz
);
CREATE INDEX console_sign_in_links_expiry ON console_sign_in_links (expires_at);
