-- The built-in directory: access kept here for every system that has no
-- adapter configured (see activities/access/directory.ts).
CREATE TABLE directory_access (
  system      text NOT NULL,
  entitlement text NOT NULL,
  identity    text NOT NULL,
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (system, entitlement, identity)
);

-- Who a contributor is on each system (IRC account, wiki user, OTRS login),
-- as the team leader named them; the email address stands in otherwise.
CREATE TABLE contributor_identities (
  contributor_id text NOT NULL,
  system         text NOT NULL,
  identity       text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contributor_id, system)
);
