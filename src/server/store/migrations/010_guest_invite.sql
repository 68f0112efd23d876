-- One-time links for an interpreter (or another third party) to join a citizen's call (issue #5).
CREATE TABLE guest_invite (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES waiting_ticket (id) ON DELETE CASCADE,
  -- SHA-256 of the link's code and, once redeemed, of the guest's bearer secret: never the values.
  code_hash text NOT NULL UNIQUE,
  secret_hash text UNIQUE,
  state text NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'waiting', 'admitted', 'ended')),
  identity text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  redeemed_at timestamptz,
  CHECK ((state = 'invited') = (redeemed_at IS NULL)),
  CHECK (state <> 'admitted' OR identity IS NOT NULL)
);

CREATE INDEX guest_invite_ticket ON guest_invite (ticket_id);
