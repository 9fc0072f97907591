-- Contributors as the workflows last reported them: a projection for reads
-- and for the addresses mail goes to. The workflow is the source of truth.
CREATE TABLE contributors (
  id            text PRIMARY KEY,
  ladder_id     text NOT NULL,
  workflow_id   text NOT NULL UNIQUE,
  name          text NOT NULL,
  email         text NOT NULL,
  level         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ladder_id, email)
);

-- Every decision and event, who made it, when and why. Rows are never
-- changed: the trigger below makes the database itself refuse it.
CREATE TABLE audit_events (
  id               bigserial PRIMARY KEY,
  occurred_at      timestamptz NOT NULL DEFAULT now(),
  actor            text NOT NULL,
  action           text NOT NULL,
  contributor_id   text,
  workflow_id      text,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Activities are retried; the same event written twice must land once.
  idempotency_key  text NOT NULL UNIQUE
);
CREATE INDEX audit_events_contributor ON audit_events (contributor_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- API keys: only a hash of the secret is kept; the key is shown once.
CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL,
  secret_hash  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);

-- Emailed links. The token carries the signature; this row makes it
-- single-use (used_at is set once, atomically) and revocable.
CREATE TABLE link_tokens (
  id              text PRIMARY KEY,
  contributor_id  text NOT NULL,
  workflow_id     text NOT NULL,
  step_id         text NOT NULL,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  used_at         timestamptz
);
CREATE INDEX link_tokens_step ON link_tokens (workflow_id, step_id);

-- Mail already handed to the SMTP server (or the outbox), by the key of the
-- workflow step that sent it, so a retried activity does not send twice.
CREATE TABLE sent_mail (
  idempotency_key text PRIMARY KEY,
  message_id      text NOT NULL,
  recipient       text NOT NULL,
  subject         text NOT NULL,
  sent_at         timestamptz NOT NULL DEFAULT now()
);
