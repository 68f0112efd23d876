-- Reminders (issue #9): a mail the day before, a text message an hour before.

-- The manage secret, sealed (AES-256-GCM) with a key only the server holds, so that a reminder
-- sent days later can carry the manage link. A copy of the table alone opens nothing. Cleared
-- once the appointment has started or was cancelled, and by the retention purge.
ALTER TABLE booking ADD COLUMN reminder_secret text;

-- A mail reminder is an outbox row with a key: the same reminder cannot be queued twice, by any
-- instance (`INSERT … ON CONFLICT (once_key) DO NOTHING`).
ALTER TABLE mail_outbox ADD COLUMN once_key text UNIQUE;
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
  CHECK (kind IN ('booking.confirmed', 'booking.cancelled', 'booking.moved', 'booking.reminder'));

-- A text reminder, claimed before it is sent: the primary key lets one instance send it. Keyed by
-- the slot too, so a moved appointment is reminded of its new time.
CREATE TABLE sms_reminder (
  booking_id uuid NOT NULL REFERENCES booking (id) ON DELETE CASCADE,
  slot_start timestamptz NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (booking_id, slot_start)
);

-- The reminder pass looks for booked appointments starting within the next day, and forgets the
-- sealed secrets of appointments that have begun.
CREATE INDEX booking_booked_start ON booking (slot_start) WHERE state = 'booked';
CREATE INDEX booking_reminder_secret ON booking (slot_start) WHERE reminder_secret IS NOT NULL;
