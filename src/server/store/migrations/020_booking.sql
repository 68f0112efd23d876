-- Booking a video appointment (issue #4).

CREATE TABLE booking (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product text NOT NULL,
  slot_start timestamptz NOT NULL,
  slot_end timestamptz NOT NULL CHECK (slot_end > slot_start),
  -- Which of the product's desks (1…openingHours.desks) holds the slot.
  desk integer NOT NULL CHECK (desk >= 1),
  state text NOT NULL DEFAULT 'booked'
    CHECK (state IN ('booked', 'cancelled', 'waiting', 'in-call', 'done', 'no-show')),
  -- SHA-256 (hex) of the manage secret in the mail's link; never the secret itself.
  manage_hash text NOT NULL UNIQUE,
  -- SHA-256 of the Idempotency-Key: a retried or double-clicked request carries the same key and
  -- books once. Hashed because the manage secret is derived from the key (see manage-secret.ts).
  idempotency_key text NOT NULL UNIQUE,
  -- SHA-256 of the request that first used the key: the same key with another body is refused.
  request_hash text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  phone text,
  lang text NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en', 'fr')),
  page_url text NOT NULL,
  identity_login_id uuid REFERENCES identity_login (id) ON DELETE SET NULL,
  ticket_id uuid REFERENCES waiting_ticket (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL))
);

-- Double booking is impossible here, not in code: one live booking per product, slot and desk.
-- A cancelled booking leaves the index, so its slot is free again.
CREATE UNIQUE INDEX booking_slot_taken ON booking (product, slot_start, desk) WHERE state <> 'cancelled';

-- The slot picker counts the live bookings of a product in a range of days.
CREATE INDEX booking_product_start ON booking (product, slot_start) WHERE state <> 'cancelled';

-- A ticket taken at the appointment time belongs to its booking.
ALTER TABLE waiting_ticket ADD COLUMN booking_id uuid REFERENCES booking (id) ON DELETE SET NULL;

-- The journey filled in before the DigiD redirect: kept with the pending login, handed on to the
-- one-time code, and returned once when that code is exchanged.
ALTER TABLE identity_flow ADD COLUMN resume jsonb;
ALTER TABLE identity_handoff ADD COLUMN resume jsonb;

-- Mail waiting to be sent, and sent mail until its body is cleared. A failed send is retried from
-- here, so an unreachable mail server never loses a confirmation. The body (which holds the manage
-- link) is set to NULL once sent.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id uuid REFERENCES booking (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('booking.confirmed', 'booking.cancelled', 'booking.moved')),
  message jsonb,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
