-- Paid at booking (issue 16): for a product with `payAtBooking`, a new booking holds its slot in
-- the state `awaiting-payment` until `hold_until` while the citizen pays; the provider's "paid"
-- makes it `booked`. A hold that ends unpaid is cancelled with `cancel_reason = 'hold-expired'`,
-- which frees the slot (the unique index `booking_slot_taken` ignores cancelled rows) and lets the
-- widget tell the citizen why.
ALTER TABLE booking DROP CONSTRAINT booking_state_check;
ALTER TABLE booking ADD CONSTRAINT booking_state_check
  CHECK (state IN ('awaiting-payment', 'booked', 'cancelled', 'waiting', 'in-call', 'done', 'no-show'));
ALTER TABLE booking ADD COLUMN hold_until timestamptz;
ALTER TABLE booking ADD COLUMN cancel_reason text CHECK (cancel_reason IN ('hold-expired'));
CREATE INDEX booking_hold_due ON booking (hold_until) WHERE state = 'awaiting-payment';

-- A payment made while booking belongs to its booking (it has no ticket); one open payment per
-- booking, as per ticket.
ALTER TABLE payment ADD COLUMN booking_id uuid REFERENCES booking (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX payment_one_open_per_booking ON payment (booking_id)
  WHERE status IN ('open', 'pending', 'authorized');
