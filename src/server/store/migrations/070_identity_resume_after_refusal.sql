-- After a cancelled or refused login, what the citizen filled in before the redirect (the
-- journey's resume: name, e-mail, the slot) goes back to the widget once, under a one-time code
-- of its own. No login and no session hang off it; the retention purge deletes what nobody took.
CREATE TABLE identity_resume_handoff (
  code_hash text PRIMARY KEY,
  resume jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX identity_resume_handoff_expires ON identity_resume_handoff (expires_at);
