import type { BookingState } from '../../protocol/index.js';
import type { Db } from '../store/index.js';

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
  lang: 'nl' | 'en' | 'fr';
  pageUrl: string;
  identityLoginId: string | null;
  ticketId: string | null;
  /** The linked ticket is waiting or admitted. */
  ticketLive: boolean;
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
  lang: 'nl' | 'en' | 'fr';
  pageUrl: string;
  identityLoginId?: string;
}

// The booking's state follows its ticket once it has one: admitted is in the call, ended by the
// employee is done; a ticket the citizen left or that lapsed leaves the booking joinable again.
const COLUMNS = `b.id, b.product, b.slot_start AS "start", b.slot_end AS "end", b.desk,
  CASE
    WHEN b.state = 'cancelled' OR t.id IS NULL THEN b.state
    WHEN t.state = 'admitted' THEN 'in-call'
    WHEN t.state = 'waiting' AND t.expires_at > now() THEN 'waiting'
    WHEN t.state = 'ended' AND t.end_reason = 'ended-by-employee' THEN 'done'
    ELSE 'booked'
  END AS state,
  b.name, b.email, b.phone, b.lang, b.page_url AS "pageUrl",
  b.identity_login_id AS "identityLoginId", b.ticket_id AS "ticketId",
  (t.state = 'admitted' OR (t.state = 'waiting' AND t.expires_at > now())) IS TRUE AS "ticketLive"`;
const FROM = `booking b LEFT JOIN waiting_ticket t ON t.id = b.ticket_id`;

async function findOne(db: Db, where: string, value: string): Promise<BookingRecord | undefined> {
  const { rows } = await db.query<BookingRecord>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} = $1`, [value]);
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
    `SELECT ${COLUMNS}, b.request_hash AS "requestHash", b.manage_hash AS "manageHash"
     FROM ${FROM} WHERE b.idempotency_key = $1`,
    [key],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { requestHash, manageHash, ...booking } = row;
  return { booking, requestHash, manageHash };
}

/**
 * Tries to book `desk`. The unique indexes decide: when this desk's slot is taken (or the
 * idempotency key was used meanwhile) nothing is inserted and `undefined` comes back, with no
 * error and no check-then-insert race.
 */
export async function insertBooking(db: Db, input: NewBooking, desk: number): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO booking (product, slot_start, slot_end, desk, manage_hash, idempotency_key,
       request_hash, name, email, phone, lang, page_url, identity_login_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      input.product,
      input.start,
      input.end,
      desk,
      input.manageHash,
      input.idempotencyKey,
      input.requestHash,
      input.name,
      input.email,
      input.phone ?? null,
      input.lang,
      input.pageUrl,
      input.identityLoginId ?? null,
    ],
  );
  return rows[0]?.id;
}

/** Live bookings of `product` per slot start (epoch ms) in `[fromMs, toMs)`. */
export async function bookedCounts(db: Db, product: string, fromMs: number, toMs: number): Promise<Map<number, number>> {
  const { rows } = await db.query<{ start: Date; count: number }>(
    `SELECT slot_start AS start, count(*)::int AS count FROM booking
     WHERE product = $1 AND state <> 'cancelled' AND slot_start >= $2 AND slot_start < $3
     GROUP BY slot_start`,
    [product, new Date(fromMs), new Date(toMs)],
  );
  return new Map(rows.map((row) => [new Date(row.start).getTime(), row.count]));
}

/** Cancels a booking that is still only booked; `false` when it was not (any more). */
export async function cancelBooking(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE booking SET state = 'cancelled', cancelled_at = now()
     WHERE id = $1 AND state = 'booked' AND ticket_id IS NULL RETURNING id`,
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
): Promise<'moved' | 'taken' | 'not-booked'> {
  try {
    const { rows } = await db.query(
      `UPDATE booking SET slot_start = $2, slot_end = $3, desk = $4
       WHERE id = $1 AND state = 'booked' AND ticket_id IS NULL RETURNING id`,
      [id, slot.start, slot.end, desk],
    );
    return rows.length === 1 ? 'moved' : 'not-booked';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

/** Links the ticket taken at the appointment time to its booking. */
export async function linkTicket(db: Db, bookingId: string, ticketId: string): Promise<void> {
  await db.query(`UPDATE booking SET ticket_id = $2, state = 'waiting' WHERE id = $1`, [bookingId, ticketId]);
}
