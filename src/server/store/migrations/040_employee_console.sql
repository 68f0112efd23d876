-- The employee console (issue #6): who a console session belongs to and with which role, the
-- employee OIDC logins in progress, and each ticket's note and outcome.

-- Sessions now belong to someone: the provider's opaque subject (never a name) and a role. Sessions
-- from before this migration belong to no one in particular: they end, and employees sign in again.
DELETE FROM employee_session;
ALTER TABLE employee_session
  ADD COLUMN employee_id text NOT NULL,
  ADD COLUMN role text NOT NULL CHECK (role IN ('medewerker', 'beheerder')),
  ADD COLUMN display_name text CHECK (char_length(display_name) <= 200);

-- An employee's login at the municipality's provider, between the redirect and the callback.
-- `browser_hash` binds it to the browser that started it (a cookie), so nobody can finish their own
-- login in someone else's browser (login CSRF).
CREATE TABLE employee_login_flow (
  state_hash text PRIMARY KEY,
  browser_hash text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- What came of a conversation: the employee's note and an outcome code from the config, which the
-- first-time-right figure counts. One per ticket; every change is in the audit log (`note.changed`).
CREATE TABLE ticket_outcome (
  ticket_id uuid PRIMARY KEY REFERENCES waiting_ticket (id) ON DELETE CASCADE,
  outcome text CHECK (char_length(outcome) <= 64),
  first_time_right boolean,
  note text CHECK (char_length(note) <= 4000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- The figures group calls by the day they were admitted.
CREATE INDEX waiting_ticket_admitted ON waiting_ticket (admitted_at) WHERE admitted_at IS NOT NULL;

-- Which employee (opaque id) admitted the ticket: only they see the citizen's identity panel.
ALTER TABLE waiting_ticket ADD COLUMN admitted_by text;
