import type { BookingState, Lang, PaymentStatus } from '../../protocol/index.js';
import type { Db, Queryable } from '../store/index.js';

/** A booking as the server reasons about it. Holds no secret, only what the mail and views need. */
export interface BookingRecord {
  id: string;
  product: string;
  start: Date;
  end: Date;
  desk: number;
  /** Follows the booking's ticket: `waiting`, `in-call`, `done` once it has one. */
  state: BookingState;
  name: string;
  email: string;
  phone: string | null;
  lang: Lang;
  pageUrl: string;
  identityLoginId: string | null;
  ticketId: string | null;
  /** The linked ticket is waiting or admitted. */
  ticketLive: boolean;
  /** The `appointmentBackends` id that holds the appointment; `null`: the built-in store. */
  backend: string | null;
  /** The calendar (URL) holding its event, and the event's URL (`null` while being written). */
  calendar: string | null;
  eventUrl: string | null;
  /** The retention purge emptied it (issue 14, #10): the manage link opens nothing any more. */
  detailsPurged: boolean;
  /** Paid at booking (issue 16): while `awaiting-payment`, when the slot is let go unpaid. */
  holdUntil: Date | null;
  /** `hold-expired`: cancelled because it was not paid in time. */
  cancelReason: 'hold-expired' | null;
  /** The status of the booking's latest payment, if it has one. */
  paymentStatus: PaymentStatus | null;
}

/** What a new booking holds; the desk is chosen by {@link insertBooking}'s caller. */
export interface NewBooking {
  product: string;
  start: Date;
  end: Date;
  manageHash: string;
  idempotencyKey: string;
  requestHash: string;
  name: string;
  email: string;
  phone?: string;
  lang: Lang;
  pageUrl: string;
  identityLoginId?: string;
  /** The manage secret sealed for the reminders (see reminders/sealed-secret.ts). */
  reminderSecret?: string;
  /** Paid at booking (issue 16): held, `awaiting-payment`, until this moment. */
  holdUntil?: Date;
}

/** Where a calendar backend puts a new booking; absent for the built-in store. */
export interface BookingPlace {
  backend: string;
  calendar: string;
}

// The booking's state follows its ticket once it has one: admitted is in the call, ended by the
// employee is done; a ticket the citizen left or that lapsed leaves the booking joinable again.
export const BOOKING_COLUMNS = `b.id, b.product, b.slot_start AS "start", b.slot_end AS "end", b.desk,
  CASE
    WHEN b.state = 'cancelled' OR t.id IS NULL THEN b.state
    WHEN t.state = 'admitted' THEN 'in-call'
    WHEN t.state = 'waiting' AND t.expires_at > now() THEN 'waiting'
    WHEN t.state = 'ended' AND t.end_reason = 'ended-by-employee' THEN 'done'
    ELSE 'booked'
  END AS state,
  b.name, b.email, b.phone, b.lang, b.page_url AS "pageUrl",
  b.identity_login_id AS "identityLoginId", b.ticket_id AS "ticketId",
  (t.state = 'admitted' OR (t.state = 'waiting' AND t.expires_at > now())) IS TRUE AS "ticketLive",
  b.backend, b.calendar, b.event_url AS "eventUrl", b.details_purged_at IS NOT NULL AS "detailsPurged",
  b.hold_until AS "holdUntil", b.cancel_reason AS "cancelReason",
  (SELECT p.status FROM payment p WHERE p.booking_id = b.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1) AS "paymentStatus"`;
export const BOOKING_FROM = `booking b LEFT JOIN waiting_ticket t ON t.id = b.ticket_id`;

async function findOne(db: Db, where: string, value: string): Promise<BookingRecord | undefined> {
  const { rows } = await db.query<BookingRecord>(`SELECT ${BOOKING_COLUMNS} FROM ${BOOKING_FROM} WHERE ${where} = $1`, [value]);
  return rows[0];
}

/** The booking whose manage secret hashes to `manageHash`. */
export function findBookingByManageHash(db: Db, manageHash: string): Promise<BookingRecord | undefined> {
  return findOne(db, 'b.manage_hash', manageHash);
}

/** The booking with this id (a uuid). */
export function findBookingById(db: Db, id: string): Promise<BookingRecord | undefined> {
  return findOne(db, 'b.id', id);
}

/** The booking an `Idempotency-Key` made, with the hash of the request that made it. */
export async function findBookingByIdempotencyKey(
  db: Db,
  key: string,
): Promise<{ booking: BookingRecord; requestHash: string; manageHash: string } | undefined> {
  const { rows } = await db.query<BookingRecord & { requestHash: string; manageHash: string }>(
    `SELECT ${BOOKING_COLUMNS}, b.request_hash AS "requestHash", b.manage_hash AS "manageHash"
     FROM ${BOOKING_FROM} WHERE b.idempotency_key = $1`,
    [key],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { requestHash, manageHash, ...booking } = row;
  return { booking, requestHash, manageHash };
}

/**
 * The columns a new booking fills from {@link insertParams}, in its order, with their types (typed:
 * in INSERT … SELECT and in `unnest` the parameters get no type from the columns). The desk is
 * apart: each statement chooses it.
 */
const NEW_BOOKING_COLUMNS = [
  ['product', 'text'], ['slot_start', 'timestamptz'], ['slot_end', 'timestamptz'], ['manage_hash', 'text'],
  ['idempotency_key', 'text'], ['request_hash', 'text'], ['name', 'text'], ['email', 'text'], ['phone', 'text'],
  ['lang', 'text'], ['page_url', 'text'], ['identity_login_id', 'uuid'], ['reminder_secret', 'text'],
  ['backend', 'text'], ['calendar', 'text'], ['state', 'text'], ['hold_until', 'timestamptz'],
] as const;
const NEW_BOOKING_NAMES = NEW_BOOKING_COLUMNS.map(([name]) => name).join(', ');
const INSERT_COLUMNS = `desk, ${NEW_BOOKING_NAMES}`;
/** `$1`…`$17` as {@link INSERT_COLUMNS} but the desk, which is `DESK` here for the caller to replace. */
const INSERT_VALUES = `DESK, ${NEW_BOOKING_COLUMNS.map(([, type], i) => `$${i + 1}::${type}`).join(', ')}`;

// The new row as a {@link BookingRecord}: a booking just made has no ticket and no payment yet, so
// this is what BOOKING_COLUMNS would read back, without a second query.
const RETURNING_RECORD = `RETURNING id, product, slot_start AS "start", slot_end AS "end", desk, state,
  name, email, phone, lang, page_url AS "pageUrl", identity_login_id AS "identityLoginId",
  ticket_id AS "ticketId", false AS "ticketLive", backend, calendar, event_url AS "eventUrl",
  details_purged_at IS NOT NULL AS "detailsPurged", hold_until AS "holdUntil",
  cancel_reason AS "cancelReason", NULL::text AS "paymentStatus"`;

/** The values of {@link NEW_BOOKING_COLUMNS}, `$1`…`$17`. */
function insertParams(input: NewBooking, place?: BookingPlace): unknown[] {
  return [
    input.product,
    input.start,
    input.end,
    input.manageHash,
    input.idempotencyKey,
    input.requestHash,
    input.name,
    input.email,
    input.phone ?? null,
    input.lang,
    input.pageUrl,
    input.identityLoginId ?? null,
    input.reminderSecret ?? null,
    place?.backend ?? null,
    place?.calendar ?? null,
    input.holdUntil ? 'awaiting-payment' : 'booked',
    input.holdUntil ?? null,
  ];
}

/**
 * Tries to book `desk`. The unique indexes decide: when this desk's slot is taken (or the
 * idempotency key was used meanwhile) nothing is inserted and `undefined` comes back, with no
 * error and no check-then-insert race. Otherwise the stored booking comes back.
 */
export async function insertBooking(
  db: Db,
  input: NewBooking,
  desk: number,
  place?: BookingPlace,
): Promise<BookingRecord | undefined> {
  const { rows } = await db.query<BookingRecord>(
    `INSERT INTO booking (${INSERT_COLUMNS}) VALUES (${INSERT_VALUES.replace('DESK', '$18')})
     ON CONFLICT DO NOTHING ${RETURNING_RECORD}`,
    [...insertParams(input, place), desk],
  );
  return rows[0];
}

/**
 * Books the lowest free desk of `desks` in one statement: it picks a desk no live booking holds
 * and inserts there, and the unique index `booking_slot_taken` still decides. A concurrent booking
 * may take the picked desk between pick and insert (Postgres): then nothing is inserted, and the
 * next try sees that booking and picks another desk.
 *
 * `taken` when every desk is taken and the idempotency key had made no booking (the same
 * statement asks, so a refused request costs no second query); `undefined` when the key was used
 * (the caller looks for that booking).
 */
export async function insertOnFreeDesk(db: Db, input: NewBooking, desks: number): Promise<BookingRecord | 'taken' | undefined> {
  for (let attempt = 0; attempt < desks; attempt++) {
    const { rows } = await db.query<BookingRecord & { freeDesk: number | null; keyUsed: boolean }>(
      `WITH free AS (
         SELECT d FROM generate_series(1, $18::int) d
         WHERE NOT EXISTS (SELECT 1 FROM booking x WHERE x.product = $1 AND x.slot_start = $2
                             AND x.desk = d AND x.state <> 'cancelled')
         ORDER BY d LIMIT 1
       ), made AS (
         INSERT INTO booking (${INSERT_COLUMNS}) SELECT ${INSERT_VALUES.replace('DESK', 'free.d')} FROM free
         ON CONFLICT DO NOTHING ${RETURNING_RECORD}
       )
       SELECT made.*, (SELECT d FROM free) AS "freeDesk",
         EXISTS (SELECT 1 FROM booking k WHERE k.idempotency_key = $5) AS "keyUsed"
       FROM (SELECT 1) one LEFT JOIN made ON true`,
      [...insertParams(input), desks],
    );
    const { freeDesk, keyUsed, ...made } = rows[0]!;
    if (made.id) return made as BookingRecord;
    if (keyUsed) return undefined;
    if (freeDesk === null) return 'taken';
  }
  // A desk looked free each time and was taken each time by a concurrent booking (or by this
  // key's twin, which only a fresh look can tell).
  return undefined;
}

/** One booking of {@link insertBatchOnFreeDesks}, with its product's number of desks. */
export interface BatchedBooking {
  booking: NewBooking;
  desks: number;
}

/**
 * What {@link insertBatchOnFreeDesks} says of each booking, in order: booked; `taken` (every desk
 * of the slot is taken, counting the ones this batch just took); `key-used` (its idempotency key
 * made a booking before: the caller looks for it); or `unsure` (a concurrent write got between:
 * ask again with {@link insertOnFreeDesk}).
 */
export type BatchOutcome = BookingRecord | 'taken' | 'key-used' | 'unsure';

/**
 * Books many at once (group commit: the bookings that arrive while one statement runs go in the
 * next), in ONE statement: per slot the requests in arrival order take the free desks in order,
 * and the unique indexes still decide. On PGlite a statement's planning and round trip cost more
 * than its rows, so fifty bookings in one cost about what three cost one by one (issue 19).
 */
export async function insertBatchOnFreeDesks(db: Db, batch: BatchedBooking[]): Promise<BatchOutcome[]> {
  const rowsIn = batch.map(({ booking }) => insertParams(booking));
  const arrays = NEW_BOOKING_COLUMNS.map((_, i) => rowsIn.map((row) => row[i]));
  const unnest = NEW_BOOKING_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const desksParam = `$${NEW_BOOKING_COLUMNS.length + 1}::int[]`;
  const { rows } = await db.query<BookingRecord & { ord: string; rn: string; freeDesk: number | null; keyUsed: boolean; madeKey: string | null }>(
    `WITH req AS (
       SELECT r.*, EXISTS (SELECT 1 FROM booking k WHERE k.idempotency_key = r.idempotency_key) AS key_used
       FROM unnest(${unnest}, ${desksParam}) WITH ORDINALITY AS r(${NEW_BOOKING_NAMES}, desks, ord)
     ), ranked AS (
       SELECT req.*, row_number() OVER (PARTITION BY key_used, product, slot_start ORDER BY ord) AS rn FROM req
     ), pick AS (
       SELECT ranked.*, CASE WHEN key_used THEN NULL ELSE (
         SELECT d FROM generate_series(1, ranked.desks) d
         WHERE NOT EXISTS (SELECT 1 FROM booking x WHERE x.product = ranked.product AND x.slot_start = ranked.slot_start
                             AND x.desk = d AND x.state <> 'cancelled')
         ORDER BY d OFFSET ranked.rn - 1 LIMIT 1) END AS free_desk
       FROM ranked
     ), made AS (
       INSERT INTO booking (${INSERT_COLUMNS})
       SELECT free_desk, ${NEW_BOOKING_NAMES} FROM pick WHERE free_desk IS NOT NULL ORDER BY ord
       ON CONFLICT DO NOTHING ${RETURNING_RECORD}, idempotency_key AS "madeKey"
     )
     SELECT made.*, pick.ord, pick.rn, pick.free_desk AS "freeDesk", pick.key_used AS "keyUsed"
     FROM pick LEFT JOIN made ON made."madeKey" = pick.idempotency_key AND made.desk = pick.free_desk
     ORDER BY pick.ord`,
    [...arrays, batch.map(({ desks }) => desks)],
  );
  // A slot is full for a request without a desk only when every earlier request of its slot in
  // this batch got one; when one of them did not, the desks it was counted for may still be free.
  const madeBefore = new Map<string, number>();
  // A request sent again while its first was in the same batch: the first one's booking is its.
  const madeKeys = new Set(rows.flatMap((row) => (row.madeKey ? [row.madeKey] : [])));
  return rows.map((row) => {
    const { ord, rn, freeDesk, keyUsed, madeKey: _madeKey, ...made } = row;
    const { booking } = batch[Number(ord) - 1]!;
    if (keyUsed || (!made.id && madeKeys.has(booking.idempotencyKey))) return 'key-used';
    const slot = `${booking.product} ${booking.start.getTime()}`;
    const before = madeBefore.get(slot) ?? 0;
    if (made.id) {
      madeBefore.set(slot, before + 1);
      return made as BookingRecord;
    }
    if (freeDesk === null && before === Number(rn) - 1) return 'taken';
    return 'unsure';
  });
}

/** Records the event a calendar backend wrote for a booking: the booking is whole now. */
export async function confirmEvent(db: Db, id: string, eventUrl: string): Promise<void> {
  await db.query(`UPDATE booking SET event_url = $2 WHERE id = $1`, [id, eventUrl]);
}

/**
 * Removes a booking whose event could not be written. Only such a row (a backend, no event) is
 * removed: the citizen never heard of it, so nothing of it may stay.
 */
export async function deleteUnconfirmedBooking(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM booking WHERE id = $1 AND backend IS NOT NULL AND event_url IS NULL`, [id]);
}

/** Live bookings held by these calendars in `[fromMs, toMs)`, whatever their product. */
export async function calendarBookings(
  db: Db,
  calendars: string[],
  fromMs: number,
  toMs: number,
): Promise<{ calendar: string; start: Date; end: Date; id: string }[]> {
  const { rows } = await db.query<{ calendar: string; start: Date; end: Date; id: string }>(
    `SELECT calendar, slot_start AS start, slot_end AS "end", id FROM booking
     WHERE calendar = ANY($1) AND state <> 'cancelled' AND slot_end > $2 AND slot_start < $3`,
    [calendars, new Date(fromMs), new Date(toMs)],
  );
  return rows;
}

/**
 * Live bookings of `product` per slot start (epoch ms) in `[fromMs, toMs)`. One row of text
 * (`<epoch ms>:<count>,…`), not a row per slot: a day of 5-minute slots is 288 rows, and every
 * refused booking asks for one (its "next free times").
 */
export async function bookedCounts(db: Db, product: string, fromMs: number, toMs: number): Promise<Map<number, number>> {
  const { rows } = await db.query<{ counts: string | null }>(
    `SELECT string_agg((extract(epoch FROM slot_start) * 1000)::bigint || ':' || n, ',') AS counts
     FROM (SELECT slot_start, count(*) AS n FROM booking
           WHERE product = $1 AND state <> 'cancelled' AND slot_start >= $2 AND slot_start < $3
           GROUP BY slot_start) per_slot`,
    [product, new Date(fromMs), new Date(toMs)],
  );
  const counts = new Map<number, number>();
  for (const item of rows[0]?.counts?.split(',') ?? []) {
    const at = item.indexOf(':');
    counts.set(Number(item.slice(0, at)), Number(item.slice(at + 1)));
  }
  return counts;
}

/** Cancels a booking that is still only booked (or held for payment); `false` when it was not (any more). */
export async function cancelBooking(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE booking SET state = 'cancelled', cancelled_at = now(), reminder_secret = NULL
     WHERE id = $1 AND state IN ('booked', 'awaiting-payment') AND ticket_id IS NULL RETURNING id`,
    [id],
  );
  return rows.length === 1;
}

/** Postgres' `unique_violation`, from PGlite and node-postgres alike. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * Moves a booking to another slot on `desk`: `moved`, `taken` when the unique index refuses it,
 * or `not-booked` when the booking is no longer only booked.
 */
export async function moveBooking(
  db: Db,
  id: string,
  slot: { start: Date; end: Date },
  desk: number,
  place?: { calendar: string; eventUrl: string },
): Promise<'moved' | 'taken' | 'not-booked'> {
  try {
    const { rows } = await db.query(
      `UPDATE booking SET slot_start = $2, slot_end = $3, desk = $4,
         calendar = COALESCE($5, calendar), event_url = COALESCE($6, event_url)
       WHERE id = $1 AND state = 'booked' AND ticket_id IS NULL RETURNING id`,
      [id, slot.start, slot.end, desk, place?.calendar ?? null, place?.eventUrl ?? null],
    );
    return rows.length === 1 ? 'moved' : 'not-booked';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

/** Links the ticket taken at the appointment time to its booking. */
export async function linkTicket(db: Queryable, bookingId: string, ticketId: string): Promise<void> {
  // No reminder is due once the citizen is here: the sealed manage secret has served its purpose.
  await db.query(`UPDATE booking SET ticket_id = $2, state = 'waiting', reminder_secret = NULL WHERE id = $1`, [bookingId, ticketId]);
}

/** The hash of the `Idempotency-Key` that made the booking: its manage secret derives from it. */
export async function idempotencyKeyHashOf(db: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ key: string }>(`SELECT idempotency_key AS key FROM booking WHERE id = $1`, [id]);
  return rows[0]?.key;
}
