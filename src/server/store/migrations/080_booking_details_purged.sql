-- Issue 14, #10: when the retention purge empties a booking, it says so. The manage link of a
-- purged booking then answers 410 `booking_purged` instead of a booking without a name.
ALTER TABLE booking ADD COLUMN details_purged_at timestamptz;
