import type { EndReason, Lang, TicketState } from '../../protocol/index.js';
import type { Db, Queryable } from '../store/types.js';

/** A waiting ticket as the server reasons about it. Never holds the secret, only its hash. */
export interface TicketRecord {
  id: string;
  product: string;
  audioOnly: boolean;
  state: TicketState;
  endReason: EndReason | null;
  createdAt: Date;
  /** 1-based place among live waiting tickets; 0 when not waiting (or lapsed). */
  position: number;
  /** Still `waiting` in the table but past `expires_at`: the sweep has not reached it yet. */
  lapsed: boolean;
  room: string | null;
  citizenIdentity: string | null;
  employeeIdentity: string | null;
  /**
   * The employee (opaque id) whose call this is: who admitted the citizen, or to whom the call was
   * handed over since. Only they get the employee's call token (issue 14, #1).
   */
  admittedBy: string | null;
  /** The citizen proved who they are (the ticket has an `identity_login_id`). */
  identityVerified: boolean;
  /** The ticket came from a booked appointment (`waiting_ticket.booking_id`), not a walk-in. */
  booked: boolean;
  /** The colleague (opaque id) the citizen was handed over to, and their name. */
  assignedTo: string | null;
  assignedName: string | null;
  /** The language of the citizen's widget; null for a ticket taken without one (Dutch). */
  lang: Lang | null;
}

// "Live" = admitted, or waiting and not past its expiry. Clock questions are asked of the
// database's now(), so several server instances agree on them.
const LIVE_WAITING = `state = 'waiting' AND expires_at > now()`;

const COLUMNS = `id, product, audio_only AS "audioOnly", state, end_reason AS "endReason",
  created_at AS "createdAt", room, citizen_identity AS "citizenIdentity",
  employee_identity AS "employeeIdentity", admitted_by AS "admittedBy", identity_login_id IS NOT NULL AS "identityVerified",
  booking_id IS NOT NULL AS booked,
  assigned_to AS "assignedTo", assigned_name AS "assignedName", lang,
  (state = 'waiting' AND expires_at <= now()) AS lapsed`;

// Position of one ticket: how many live waiting tickets arrived before it, itself included.
// (created_at, id) breaks ties so the order is total and the same in every query.
const POSITION_OF_T = `CASE WHEN t.${LIVE_WAITING} THEN (
    SELECT count(*) FROM waiting_ticket w
    WHERE w.${LIVE_WAITING} AND (w.created_at, w.id) <= (t.created_at, t.id)
  ) ELSE 0 END::int AS position`;

async function findOne(db: Queryable, where: string, value: string): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(
    `SELECT ${COLUMNS}, ${POSITION_OF_T} FROM waiting_ticket t WHERE ${where} = $1`,
    [value],
  );
  return rows[0];
}

/** What a new ticket is made of; see {@link createTicket}. */
export interface NewTicket {
  secretHash: string;
  product: string;
  audioOnly: boolean;
  ttlSeconds: number;
  identityLoginId?: string | null;
  /** The booking the citizen joins for; the booking is linked to the new ticket. */
  bookingId?: string;
  /** The language of the citizen's widget. */
  lang?: Lang;
}

/**
 * Puts a citizen at the back of the queue for `product`, with the verified identity behind the
 * ticket (for the employee's identity panel) and the booking it was taken for, when there are.
 */
export async function createTicket(db: Queryable, input: NewTicket): Promise<TicketRecord> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO waiting_ticket (secret_hash, product, audio_only, expires_at, identity_login_id, booking_id, lang)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6, $7) RETURNING id`,
    [
      input.secretHash,
      input.product,
      input.audioOnly,
      input.ttlSeconds,
      input.identityLoginId ?? null,
      input.bookingId ?? null,
      input.lang ?? null,
    ],
  );
  const ticket = await findTicketById(db, rows[0]!.id);
  if (!ticket) throw new Error('balie-store: a ticket vanished right after it was created');
  return ticket;
}

/** The ticket whose bearer secret hashes to `secretHash`, with its current position. */
export function findTicketBySecretHash(
  db: Db,
  secretHash: string,
): Promise<TicketRecord | undefined> {
  return findOne(db, 't.secret_hash', secretHash);
}

/** The ticket with this id (a valid uuid: Postgres rejects other text). */
export function findTicketById(db: Queryable, id: string): Promise<TicketRecord | undefined> {
  return findOne(db, 't.id', id);
}

/**
 * Every live ticket — waiting ones with their positions, then-admitted ones with position 0 — in
 * arrival order. ONE query for the whole queue: the event fan-out derives every citizen's and
 * every employee's view from it (issue #8: thousands of streams, not thousands of queries).
 */
export async function listLiveTickets(db: Db): Promise<TicketRecord[]> {
  const { rows } = await db.query<TicketRecord>(
    `SELECT ${COLUMNS},
       CASE WHEN state = 'waiting'
         THEN row_number() OVER (PARTITION BY state ORDER BY created_at, id) ELSE 0 END::int AS position
     FROM waiting_ticket
     WHERE ${LIVE_WAITING} OR state = 'admitted'
     ORDER BY created_at, id`,
  );
  return rows;
}

/**
 * Every live ticket's place, in arrival order: id → position among the waiting (1-based), or 0
 * when admitted. The citizens' fan-out needs nothing else (a ticket's product and arrival time
 * never change), and at 5,000 waiting this costs a few milliseconds where {@link listLiveTickets}
 * costs tens: the ids come back as ONE aggregated text instead of 5,000 rows to materialise
 * (PGlite builds every row in JavaScript). Positions are counted here, in the order of
 * {@link listLiveTickets}: (created_at, id).
 */
export async function listQueuePlaces(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.query<{ ids: string | null }>(
    `SELECT string_agg(id::text || CASE WHEN state = 'admitted' THEN '*' ELSE '' END, ','
       ORDER BY created_at, id) AS ids
     FROM waiting_ticket
     WHERE ${LIVE_WAITING} OR state = 'admitted'`,
  );
  const places = new Map<string, number>();
  let waiting = 0;
  for (const item of rows[0]?.ids?.split(',') ?? []) {
    if (item.endsWith('*')) places.set(item.slice(0, -1), 0);
    else places.set(item, ++waiting);
  }
  return places;
}

/** Room and identities fixed at the moment of admission. */
export interface Admission {
  room: string;
  citizenIdentity: string;
  employeeIdentity: string;
}

/**
 * Admits a live waiting ticket. Atomic: the state check and the change are one UPDATE, so of two
 * employees admitting at once exactly one gets a row back; the other gets `false`. With
 * `employeeId`, a ticket handed over to another colleague is not admitted either, and the ticket
 * records who admitted it (`admitted_by`: only they open the identity panel) in the same UPDATE.
 */
export async function admitTicket(
  db: Queryable,
  id: string,
  admission: Admission,
  employeeId?: string,
): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE waiting_ticket
     SET state = 'admitted', admitted_at = now(), room = $2, citizen_identity = $3, employee_identity = $4,
       admitted_by = $5
     WHERE id = $1 AND ${LIVE_WAITING} AND ($5::text IS NULL OR assigned_to IS NULL OR assigned_to = $5)
     RETURNING id`,
    [id, admission.room, admission.citizenIdentity, admission.employeeIdentity, employeeId ?? null],
  );
  return rows.length === 1;
}

/**
 * Moves an admitted call from the employee in it (`fromId`) to a colleague, with a LiveKit
 * identity of the colleague's own: an identity belongs to one person, so the colleague never joins
 * as the participant the first employee was (issue 14, #1). `false` when the ticket is not an
 * admitted call of `fromId`.
 */
export async function handOverCall(
  db: Queryable,
  id: string,
  fromId: string,
  to: { id: string; name?: string },
  employeeIdentity: string,
): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE waiting_ticket
     SET admitted_by = $3, employee_identity = $4, assigned_to = $3, assigned_name = $5
     WHERE id = $1 AND state = 'admitted' AND admitted_by = $2
     RETURNING id`,
    [id, fromId, to.id, employeeIdentity, to.name ?? null],
  );
  return rows.length === 1;
}

/**
 * Ends a live ticket. Returns its room (null when it never got one), or `undefined` when the ticket
 * was not live — already ended, lapsed, or unknown — so the caller can say which.
 */
export async function endTicket(
  db: Queryable,
  id: string,
  reason: EndReason,
): Promise<{ room: string | null } | undefined> {
  const { rows } = await db.query<{ room: string | null }>(
    `UPDATE waiting_ticket SET state = 'ended', end_reason = $2, ended_at = now()
     WHERE id = $1 AND (${LIVE_WAITING} OR state = 'admitted')
     RETURNING room`,
    [id, reason],
  );
  return rows[0];
}

/** Ends every waiting ticket past its expiry with reason `expired`; returns their ids. */
export async function expireTickets(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE waiting_ticket SET state = 'ended', end_reason = 'expired', ended_at = now()
     WHERE state = 'waiting' AND expires_at <= now()
     RETURNING id`,
  );
  return rows.map((row) => row.id);
}

/** Ends the admitted ticket whose call is in `room`; returns its id, or undefined when none. */
export async function endTicketInRoom(
  db: Queryable,
  room: string,
  reason: EndReason,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE waiting_ticket SET state = 'ended', end_reason = $2, ended_at = now()
     WHERE room = $1 AND state = 'admitted'
     RETURNING id`,
    [room, reason],
  );
  return rows[0]?.id;
}

/** Of the given ids, those that have ended, with why. */
export async function findEndedTickets(
  db: Db,
  ids: string[],
): Promise<{ id: string; endReason: EndReason }[]> {
  const { rows } = await db.query<{ id: string; endReason: EndReason }>(
    `SELECT id, end_reason AS "endReason" FROM waiting_ticket WHERE id = ANY($1::uuid[]) AND state = 'ended'`,
    [ids],
  );
  return rows;
}
