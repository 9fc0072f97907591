-- Who leads a ladder since it was handed over: escalations, reviews and
-- follow-ups go to them rather than to the file's contact.
CREATE TABLE ladder_leads (
  ladder_id      text PRIMARY KEY,
  staff_id       text NOT NULL REFERENCES staff_accounts (id),
  since          timestamptz NOT NULL DEFAULT now(),
  handed_over_by text NOT NULL
);

-- How many open candidates a staff member of a ladder reviews at once.
CREATE TABLE reviewer_capacity (
  staff_id  text NOT NULL REFERENCES staff_accounts (id),
  ladder_id text NOT NULL,
  capacity  integer NOT NULL CHECK (capacity >= 0),
  PRIMARY KEY (staff_id, ladder_id)
);

-- Each candidate's named reviewer: reminders and escalations go to them first.
CREATE TABLE reviewer_assignments (
  contributor_id text PRIMARY KEY,
  ladder_id      text NOT NULL,
  staff_id       text NOT NULL REFERENCES staff_accounts (id),
  assigned_at    timestamptz NOT NULL DEFAULT now(),
  assigned_by    text NOT NULL
);
CREATE INDEX reviewer_assignments_staff ON reviewer_assignments (staff_id, ladder_id);

-- What an imported person held before trustladder, beyond what their level
-- carries: import never takes access away, so reconciliation leaves it while
-- they stay on the ladder.
CREATE TABLE adopted_access (
  contributor_id text NOT NULL,
  system         text NOT NULL,
  entitlement    text NOT NULL,
  identity       text NOT NULL,
  adopted_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contributor_id, system, entitlement, identity)
);
