-- Login cross-site request forgery (issue 14, #5): a login is bound to the browser that started
-- it. The widget keeps a random secret and sent its SHA-256 to `start`; the flow keeps the hash,
-- the callback passes it on to the one-time code, and the exchange wants the secret itself.
-- Rows from before this migration have none and can no longer be exchanged (they last a minute).
ALTER TABLE identity_flow ADD COLUMN binding_hash text;
ALTER TABLE identity_handoff ADD COLUMN binding_hash text;
