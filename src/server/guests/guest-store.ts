import type { GuestState, GuestView } from '../../protocol/index.js';
import type { Db } from '../store/index.js';

/** A guest as the server reasons about it, with the call it belongs to. */
export interface GuestRecord extends GuestView {
  ticketId: string;
  identity: string | null;
  /** The citizen's call: its room, and whether it is still on. */
  room: string | null;
  ticketState: string;
}

const COLUMNS = `g.id, g.state, g.ticket_id AS "ticketId", g.identity, t.room, t.state AS "ticketState"`;

export async function createGuestInvite(db: Db, ticketId: string, codeHash: string, ttlSeconds: number): Promise<{ expiresAt: Date }> {
  const { rows } = await db.query<{ expiresAt: Date }>(
    `INSERT INTO guest_invite (ticket_id, code_hash, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at AS "expiresAt"`,
    [ticketId, codeHash, ttlSeconds],
  );
  return rows[0];
}

export type RedeemOutcome = { ok: true } | { ok: false; why: 'unknown' | 'used' | 'expired' };

/**
 * Uses a link's code, once: one atomic update, so two browsers opening the same link at the same
 * moment get one seat between them.
 */
export async function redeemGuestInvite(db: Db, codeHash: string, secretHash: string): Promise<RedeemOutcome> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE guest_invite SET state = 'waiting', redeemed_at = now(), secret_hash = $2
     WHERE code_hash = $1 AND state = 'invited' AND expires_at > now() RETURNING id`,
    [codeHash, secretHash],
  );
  if (rows.length) return { ok: true };
  const { rows: found } = await db.query<{ used: boolean }>(
    `SELECT state <> 'invited' AS used FROM guest_invite WHERE code_hash = $1`,
    [codeHash],
  );
  if (!found.length) return { ok: false, why: 'unknown' };
  return { ok: false, why: found[0].used ? 'used' : 'expired' };
}

export async function findGuestBySecretHash(db: Db, secretHash: string): Promise<GuestRecord | undefined> {
  const { rows } = await db.query<GuestRecord>(
    `SELECT ${COLUMNS} FROM guest_invite g JOIN waiting_ticket t ON t.id = g.ticket_id WHERE g.secret_hash = $1`,
    [secretHash],
  );
  return rows[0];
}

/** Guests of one call who used their link, for the employee's call view. */
export async function listGuests(db: Db, ticketId: string): Promise<GuestView[]> {
  const { rows } = await db.query<GuestView>(
    `SELECT id, state FROM guest_invite WHERE ticket_id = $1 AND state <> 'invited' ORDER BY redeemed_at`,
    [ticketId],
  );
  return rows;
}

/** Lets a waiting guest in; false when they are not waiting (any more). */
export async function admitGuest(db: Db, ticketId: string, guestId: string, identity: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE guest_invite SET state = 'admitted', identity = $3
     WHERE id = $2 AND ticket_id = $1 AND state = 'waiting' RETURNING id`,
    [ticketId, guestId, identity],
  );
  return rows.length === 1;
}

export async function setGuestState(db: Db, guestId: string, state: GuestState): Promise<void> {
  await db.query(`UPDATE guest_invite SET state = $2 WHERE id = $1`, [guestId, state]);
}
