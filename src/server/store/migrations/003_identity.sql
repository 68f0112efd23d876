-- Identity (issue #4): the OIDC relying party's pending logins, the identities it verified, the
-- one-time codes that carry a login back to the widget, and the sessions those codes become.
-- Secrets the browser holds (state, one-time code, session) are kept as SHA-256 (hex) only.

CREATE TABLE identity_flow (
  state_hash text PRIMARY KEY,
  provider text NOT NULL,
  product text NOT NULL,
  return_url text NOT NULL,
  level_of_assurance text NOT NULL,
  -- Needed in the clear to check the ID token and to redeem the code; never leave the server.
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Set by the one callback that wins: a second callback with the same state is a replay.
  used_at timestamptz
);

-- Every authorization code the callback ever saw, so a replayed code is refused before it
-- reaches the provider, whichever state it comes with.
CREATE TABLE identity_used_code (
  code_hash text PRIMARY KEY,
  used_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity_login (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  -- The BSN (or another country's national number). Only ever read on the server.
  national_number text NOT NULL,
  level_of_assurance text NOT NULL
    CHECK (level_of_assurance IN ('basis', 'midden', 'substantieel', 'hoog')),
  name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity_handoff (
  code_hash text PRIMARY KEY,
  login_id uuid NOT NULL REFERENCES identity_login (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE identity_session (
  token_hash text PRIMARY KEY,
  login_id uuid NOT NULL REFERENCES identity_login (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
