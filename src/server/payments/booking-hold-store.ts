import { isUniqueViolation } from '../booking/booking-store.js';
import type { Db } from '../store/index.js';

// Paid at booking (issue 16): a held booking (`awaiting-payment`) becomes `booked` when paid, or
// `cancelled` (reason `hold-expired`) when its hold ends unpaid, which frees its slot.

/** What the provider's "paid" did to a booking. */
export type PaidOutcome =
  /** Held and now booked. */
  | 'confirmed'
  /** The hold had ended, the slot was still free: booked after all. */
  | 'reinstated'
  /** The hold had ended and someone else took the slot: the payment is to be refunded. */
  | 'slot-taken'
  /** Already booked (a repeated webhook), or cancelled by the citizen: nothing changed. */
  | 'unchanged';

/**
 * Confirms a paid booking. A payment that arrives after its hold was let go still gets the slot
 * when nobody took it meanwhile; the unique index `booking_slot_taken` decides, not a read first.
 */
export async function confirmPaidBooking(db: Db, id: string): Promise<PaidOutcome> {
  const held = await db.query(
    `UPDATE booking SET state = 'booked', hold_until = NULL WHERE id = $1 AND state = 'awaiting-payment' RETURNING id`,
    [id],
  );
  if (held.rows.length === 1) return 'confirmed';
  try {
    const late = await db.query(
      `UPDATE booking SET state = 'booked', hold_until = NULL, cancelled_at = NULL, cancel_reason = NULL
       WHERE id = $1 AND state = 'cancelled' AND cancel_reason = 'hold-expired' AND slot_end > now() RETURNING id`,
      [id],
    );
    return late.rows.length === 1 ? 'reinstated' : 'unchanged';
  } catch (error) {
    if (isUniqueViolation(error)) return 'slot-taken';
    throw error;
  }
}

/** The held bookings whose hold has ended. */
export async function dueHolds(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM booking WHERE state = 'awaiting-payment' AND hold_until <= now()`);
  return rows.map((row) => row.id);
}

/**
 * Lets the slots of these held bookings go, where they are still held and their hold has ended
 * (one paid meanwhile stays booked). Returns the ids let go.
 */
export async function releaseHolds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `UPDATE booking SET state = 'cancelled', cancelled_at = now(), cancel_reason = 'hold-expired', reminder_secret = NULL
     WHERE id = ANY($1) AND state = 'awaiting-payment' AND hold_until <= now() RETURNING id`,
    [ids],
  );
  return rows.map((row) => row.id);
}
