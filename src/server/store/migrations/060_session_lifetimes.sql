-- Sessions with an idle and an absolute lifetime (issue #7). `expires_at` stays the absolute end;
-- a session is also over once `idle_seconds` pass without a request (`last_used_at`). Each row
-- keeps its own idle period, so a lookup needs no settings and a changed setting applies to new
-- sessions only.
ALTER TABLE identity_session
  ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN idle_seconds integer NOT NULL DEFAULT 900 CHECK (idle_seconds > 0);

ALTER TABLE employee_session
  ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN idle_seconds integer NOT NULL DEFAULT 1800 CHECK (idle_seconds > 0);

-- A citizen's session is bound to the one booking or walk-in ticket it makes: both are found by
-- the identity they carry.
CREATE INDEX booking_identity_login ON booking (identity_login_id) WHERE identity_login_id IS NOT NULL;
