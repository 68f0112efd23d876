-- The retention purge (issue #7) looks rows up by their age and by what hangs off an identity;
-- without these it would scan whole tables every run.
CREATE INDEX identity_session_login ON identity_session (login_id);
CREATE INDEX identity_handoff_login ON identity_handoff (login_id);
CREATE INDEX waiting_ticket_identity_login ON waiting_ticket (identity_login_id)
  WHERE identity_login_id IS NOT NULL;
CREATE INDEX waiting_ticket_ended ON waiting_ticket (ended_at) WHERE state = 'ended';
CREATE INDEX audit_log_at ON audit_log (at);
