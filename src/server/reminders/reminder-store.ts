import { BOOKING_COLUMNS, BOOKING_FROM, type BookingRecord } from '../booking/booking-store.js';
import type { Db } from '../store/index.js';

/** A booking a reminder is due for, with its sealed manage secret. */
export type DueBooking = BookingRecord & { reminderSecret: string | null };

/** The outbox key of a booking's mail reminder for its current time: queued once, ever. */
export function mailReminderKey(bookingId: string, start: Date): string {
  return `reminder:day-before:${bookingId}:${start.getTime()}`;
}

// Only what is still only booked (not cancelled, not joined) and whole (its calendar event
// written), that starts within `lead` from now, and was booked before that: a booking made an
// hour ahead has just had its confirmation and needs no reminder of it.
const DUE = `b.state = 'booked' AND b.ticket_id IS NULL AND (b.backend IS NULL OR b.event_url IS NOT NULL)
  AND b.slot_start > $1 AND b.slot_start <= $1 + make_interval(secs => $2)
  AND b.created_at <= b.slot_start - make_interval(secs => $2)`;

/** Bookings whose day-before mail is due at `now` and not queued yet. */
export async function dueMailReminders(db: Db, now: Date, leadSeconds: number): Promise<DueBooking[]> {
  const { rows } = await db.query<DueBooking>(
    `SELECT ${BOOKING_COLUMNS}, b.reminder_secret AS "reminderSecret" FROM ${BOOKING_FROM}
     WHERE ${DUE} AND b.email <> ''
       AND NOT EXISTS (SELECT 1 FROM mail_outbox o
         WHERE o.once_key = 'reminder:day-before:' || b.id || ':' || (extract(epoch FROM b.slot_start) * 1000)::bigint)
     ORDER BY b.slot_start LIMIT 200`,
    [now, leadSeconds],
  );
  return rows;
}

/** Bookings with a phone number whose text message is due at `now` and not claimed yet. */
export async function dueSmsReminders(db: Db, now: Date, leadSeconds: number): Promise<DueBooking[]> {
  const { rows } = await db.query<DueBooking>(
    `SELECT ${BOOKING_COLUMNS}, b.reminder_secret AS "reminderSecret" FROM ${BOOKING_FROM}
     WHERE ${DUE} AND b.phone IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM sms_reminder r WHERE r.booking_id = b.id AND r.slot_start = b.slot_start)
     ORDER BY b.slot_start LIMIT 200`,
    [now, leadSeconds],
  );
  return rows;
}

/**
 * Claims a booking's text message for its current time: `true` for the one instance that may
 * send it. A claim stays when the message was sent and is given back ({@link releaseSms}) when not.
 */
export async function claimSms(db: Db, bookingId: string, start: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO sms_reminder (booking_id, slot_start) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING booking_id`,
    [bookingId, start],
  );
  return rows.length === 1;
}

export async function markSmsSent(db: Db, bookingId: string, start: Date): Promise<void> {
  await db.query(`UPDATE sms_reminder SET sent_at = now() WHERE booking_id = $1 AND slot_start = $2`, [bookingId, start]);
}

export async function releaseSms(db: Db, bookingId: string, start: Date): Promise<void> {
  await db.query(`DELETE FROM sms_reminder WHERE booking_id = $1 AND slot_start = $2 AND sent_at IS NULL`, [bookingId, start]);
}

/**
 * Drops a booking's reminders still waiting in the outbox (its mail server was down): after a
 * cancel none may go out, after a move the new time gets its own.
 */
export async function cancelPendingReminders(db: Db, bookingId: string): Promise<void> {
  await db.query(`DELETE FROM mail_outbox WHERE booking_id = $1 AND kind = 'booking.reminder' AND sent_at IS NULL`, [bookingId]);
}

/** Forgets the sealed manage secrets no reminder needs any more: their appointment has begun. */
export async function forgetSpentSecrets(db: Db, now: Date): Promise<void> {
  await db.query(`UPDATE booking SET reminder_secret = NULL WHERE reminder_secret IS NOT NULL AND slot_start <= $1`, [now]);
}
