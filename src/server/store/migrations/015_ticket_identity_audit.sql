-- A waiting ticket may belong to a verified identity (DigiD login before joining, or the booking's):
-- the employee's identity panel (issue #6) reads it; the citizen's own views never do.
ALTER TABLE waiting_ticket
  ADD COLUMN identity_login_id uuid REFERENCES identity_login (id) ON DELETE SET NULL;

-- Append-only record of who saw or did what (issue #7): identity shown, admitted, ended, notes
-- changed. The server's database role may insert and select here, never update or delete, except
-- the retention purge, which removes whole rows past their period.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- Who: an employee's opaque id (`employee:<sub>`), `citizen:<ticket id>`, or `system`.
  actor text NOT NULL,
  -- What, as a fixed verb: `identity.shown`, `ticket.admitted`, `ticket.ended`, `note.changed`, …
  action text NOT NULL,
  -- On what: `ticket:<id>`, `booking:<id>`; never a name or a BSN.
  subject text NOT NULL,
  -- Why, when the action asks for a reason (showing a BSN in full).
  reason text CHECK (char_length(reason) <= 500),
  request_id text
);

CREATE INDEX audit_log_subject ON audit_log (subject, at);
