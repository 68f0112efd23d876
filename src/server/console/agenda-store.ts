import type { BookingState } from '../../protocol/index.js';
import type { Db } from '../store/index.js';

/**
 * A booking's state as the agenda and the figures see it (`b` the booking, `t` its ticket). The
 * ticket decides while there is one: admitted is in the call, live and waiting is waiting, ended
 * after an admission is done. A booking whose slot has ended without a call is a no-show — the
 * waiting room closes at the slot's end, so that is the grace period. The sweep writes that down
 * ({@link markNoShows}); until it runs, this reads it the same.
 */
export const AGENDA_STATE = `CASE
    WHEN b.state IN ('cancelled', 'no-show', 'awaiting-payment') THEN b.state
    WHEN t.state = 'admitted' THEN 'in-call'
    WHEN t.state = 'waiting' AND t.expires_at > now() THEN 'waiting'
    WHEN t.admitted_at IS NOT NULL THEN 'done'
    WHEN b.slot_end <= now() THEN 'no-show'
    ELSE 'booked'
  END`;

/** One agenda row as the query returns it. */
export interface AgendaRecord {
  bookingId: string;
  start: Date;
  end: Date;
  /** Local date and time of the start. */
  date: string;
  time: string;
  product: string;
  state: BookingState;
  identified: boolean;
  name: string;
  outcome: string | null;
  note: string | null;
}

/**
 * The bookings starting from `from` to `to` (inclusive local dates in `timeZone`), by start time,
 * with their ticket's outcome and note.
 */
export async function queryAgenda(
  db: Db,
  range: { from: string; to: string; timeZone: string },
): Promise<AgendaRecord[]> {
  const { rows } = await db.query<AgendaRecord>(
    `SELECT b.id AS "bookingId", b.slot_start AS "start", b.slot_end AS "end",
       to_char(b.slot_start AT TIME ZONE $3, 'YYYY-MM-DD') AS date,
       to_char(b.slot_start AT TIME ZONE $3, 'HH24:MI') AS time,
       b.product, ${AGENDA_STATE} AS state,
       (b.identity_login_id IS NOT NULL OR t.identity_login_id IS NOT NULL) AS identified,
       b.name, o.outcome, o.note
     FROM booking b
     LEFT JOIN waiting_ticket t ON t.id = b.ticket_id
     LEFT JOIN ticket_outcome o ON o.ticket_id = b.ticket_id
     WHERE (b.slot_start AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
     ORDER BY b.slot_start, b.product, b.desk`,
    [range.from, range.to, range.timeZone],
  );
  return rows;
}

/** No-shows per local day and product, from `from` to `to` (inclusive, in `timeZone`). */
export async function queryNoShows(
  db: Db,
  range: { from: string; to: string; timeZone: string },
): Promise<{ day: string; product: string; noShows: number }[]> {
  const { rows } = await db.query<{ day: string; product: string; noShows: number }>(
    `SELECT to_char(b.slot_start AT TIME ZONE $3, 'YYYY-MM-DD') AS day, b.product,
       count(*)::int AS "noShows"
     FROM booking b LEFT JOIN waiting_ticket t ON t.id = b.ticket_id
     WHERE (b.slot_start AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
       AND ${AGENDA_STATE} = 'no-show'
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [range.from, range.to, range.timeZone],
  );
  return rows;
}

/**
 * Writes down the no-shows: bookings still `booked` (or holding a ticket that never became a call
 * and is no longer waiting) whose slot has ended. Returns how many. Once `no-show`, retention may
 * purge the booking's personal data like any other finished appointment.
 */
export async function markNoShows(db: Db): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE booking b SET state = 'no-show'
     WHERE b.state IN ('booked', 'waiting') AND b.slot_end <= now()
       AND NOT EXISTS (
         SELECT 1 FROM waiting_ticket t
         WHERE (t.id = b.ticket_id OR t.booking_id = b.id)
           AND (t.admitted_at IS NOT NULL OR (t.state = 'waiting' AND t.expires_at > now()))
       )
     RETURNING b.id`,
  );
  return rows.length;
}
