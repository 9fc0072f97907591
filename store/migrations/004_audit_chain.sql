-- The audit trail becomes a hash chain: each row's hash covers the row and
-- the hash before it, so a changed, removed or reordered row breaks the chain
-- (`npm run audit -- verify`). The database builds the chain itself, so every
-- writer is chained, and a one-row head table serialises the writers.
--
-- Details may hold personal data (a reason, a note). The chain covers a salted
-- digest of them, not the details, so that the retention purge can erase
-- details and salt and the chain still verifies; without the salt the digest
-- cannot be guessed back.

ALTER TABLE audit_events
  ADD COLUMN chain_seq      bigint UNIQUE,
  ADD COLUMN details_salt   bytea,
  ADD COLUMN details_digest bytea,
  ADD COLUMN prev_hash      bytea,
  ADD COLUMN row_hash       bytea,
  ADD COLUMN purged_at      timestamptz;

CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq       bigint NOT NULL,
  head      bytea NOT NULL
);
INSERT INTO audit_chain_head (seq, head) VALUES (0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- One field of the hashed text: its length in bytes, then the field, so no
-- two rows can spell the same text; "~" stands for NULL.
CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(value)::text || ':' || value END
$$;

-- The text a row's hash covers. `npm run audit -- verify` rebuilds it field by
-- field (security/audit-chain.ts) from what it reads, so this function is not
-- trusted by the check.
CREATE FUNCTION audit_row_text(seq bigint, occurred_at timestamptz, actor text, action text, contributor_id text, workflow_id text, idempotency_key text, details_digest bytea)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT audit_field(seq::text) || audit_field(((extract(epoch FROM occurred_at) * 1000000)::bigint)::text) || audit_field(actor) || audit_field(action)
      || audit_field(contributor_id) || audit_field(workflow_id) || audit_field(idempotency_key) || audit_field(encode(details_digest, 'hex'))
$$;

CREATE FUNCTION audit_details_digest(salt bytea, details jsonb) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(salt || convert_to(details::text, 'UTF8'))
$$;

CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chain audit_chain_head;
BEGIN
  -- Waiting here is what orders concurrent writers; the lock holds to commit.
  SELECT * INTO chain FROM audit_chain_head FOR UPDATE;
  -- A retried write lands once. Checked under the lock, so two at once cannot both land.
  IF EXISTS (SELECT 1 FROM audit_events WHERE idempotency_key = NEW.idempotency_key) THEN
    RETURN NULL;
  END IF;
  NEW.chain_seq := chain.seq + 1;
  NEW.details_salt := decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
  NEW.details_digest := audit_details_digest(NEW.details_salt, NEW.details);
  NEW.prev_hash := chain.head;
  NEW.purged_at := NULL;
  NEW.row_hash := sha256(chain.head || convert_to(audit_row_text(NEW.chain_seq, NEW.occurred_at, NEW.actor, NEW.action, NEW.contributor_id, NEW.workflow_id, NEW.idempotency_key, NEW.details_digest), 'UTF8'));
  UPDATE audit_chain_head SET seq = NEW.chain_seq, head = NEW.row_hash;
  RETURN NEW;
END;
$$;

-- Rows written before the chain existed join it in the order they were written.
DO $$
DECLARE
  r record;
  n bigint := 0;
  last bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
  salt bytea;
  digest bytea;
  hash bytea;
BEGIN
  ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    salt := decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
    digest := audit_details_digest(salt, r.details);
    hash := sha256(last || convert_to(audit_row_text(n, r.occurred_at, r.actor, r.action, r.contributor_id, r.workflow_id, r.idempotency_key, digest), 'UTF8'));
    UPDATE audit_events SET chain_seq = n, details_salt = salt, details_digest = digest, prev_hash = last, row_hash = hash WHERE id = r.id;
    last := hash;
  END LOOP;
  UPDATE audit_chain_head SET seq = n, head = last;
  ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
END;
$$;

ALTER TABLE audit_events
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN details_digest SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN row_hash SET NOT NULL;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

-- Still append-only, with one narrow exception: the retention purge may erase
-- a row's details and salt, once, and nothing else. The chain does not cover
-- them, so it verifies before and after.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
     AND NEW.details = '{}'::jsonb AND NEW.details_salt IS NULL
     AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.contributor_id, NEW.workflow_id, NEW.idempotency_key, NEW.chain_seq, NEW.details_digest, NEW.prev_hash, NEW.row_hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.occurred_at, OLD.actor, OLD.action, OLD.contributor_id, OLD.workflow_id, OLD.idempotency_key, OLD.chain_seq, OLD.details_digest, OLD.prev_hash, OLD.row_hash)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$;

CREATE INDEX audit_events_action ON audit_events (action, chain_seq);
CREATE INDEX audit_events_occurred ON audit_events (occurred_at);
