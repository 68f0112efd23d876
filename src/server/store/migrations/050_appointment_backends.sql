-- Appointments kept in a calendar system (issue #9): a CalDAV calendar per employee or product.
-- The booking row stays the balie's record (manage secret, ticket, mail); these columns say where
-- its appointment lives outside. All NULL for the built-in store.

-- The config's `appointmentBackends` id that holds the appointment.
ALTER TABLE booking ADD COLUMN backend text;
-- The calendar collection (URL) that holds its event: one calendar is one desk.
ALTER TABLE booking ADD COLUMN calendar text;
-- The event's URL. NULL with a backend means "being written": a row whose event never arrived is
-- removed again, so there is never a booking without its event (see caldav-backend.ts).
ALTER TABLE booking ADD COLUMN event_url text;

-- Free/busy per calendar: the live bookings a calendar holds, whatever their product.
CREATE INDEX booking_calendar_start ON booking (calendar, slot_start)
  WHERE calendar IS NOT NULL AND state <> 'cancelled';

-- The sweep finds rows whose event was never confirmed.
CREATE INDEX booking_event_pending ON booking (created_at)
  WHERE backend IS NOT NULL AND event_url IS NULL;
