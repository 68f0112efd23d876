-- The walking skeleton: citizens waiting for an employee, and employees signed in to the console.

CREATE TABLE waiting_ticket (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SHA-256 (hex) of the citizen's bearer secret, never the secret itself: a copy of this table
  -- must not let anyone take over a citizen's place or call.
  secret_hash text NOT NULL UNIQUE,
  product text NOT NULL,
  audio_only boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'admitted', 'ended')),
  end_reason text CHECK (end_reason IN ('left', 'ended-by-employee', 'expired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  admitted_at timestamptz,
  ended_at timestamptz,
  -- Set once, by the admit that wins; unique so two tickets can never share a call.
  room text UNIQUE,
  citizen_identity text,
  employee_identity text,
  CHECK ((state = 'ended') = (end_reason IS NOT NULL)),
  CHECK (state <> 'admitted' OR room IS NOT NULL)
);

-- The queue, its positions and the sweep only ever look at tickets that have not ended.
CREATE INDEX waiting_ticket_live ON waiting_ticket (created_at, id) WHERE state <> 'ended';

CREATE TABLE employee_session (
  -- SHA-256 (hex) of the session cookie's value, for the same reason as secret_hash.
  id_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
