-- The language a contributor reads their mail and pages in; why they left
-- (an emeritus stepped down and may return to their former level); and the
-- statement a sponsor wrote when vouching.
ALTER TABLE contributors
  ADD COLUMN language text NOT NULL DEFAULT 'en',
  ADD COLUMN left_as text CHECK (left_as IN ('emeritus', 'revoked', 'inactive')),
  ADD COLUMN former_level text;
ALTER TABLE sponsorships ADD COLUMN statement text;
