-- The receipt mail after a payment in the call (issue 16): an outbox row of its own kind, queued
-- once per payment (its `once_key`).
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
  CHECK (kind IN ('booking.confirmed', 'booking.cancelled', 'booking.moved', 'booking.reminder', 'payment.receipt'));
