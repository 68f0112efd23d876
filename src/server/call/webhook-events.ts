import type { EndReason } from '../../protocol/index.js';
import type { Db } from '../store/types.js';

/**
 * Records a webhook event id. Returns false when the id was seen before: a replay, to be ignored.
 * Atomic, so two instances receiving the same delivery cannot both act on it.
 */
export async function recordWebhookEvent(db: Db, id: string, event: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO livekit_webhook_event (id, event) VALUES ($1, $2)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, event],
  );
  return rows.length === 1;
}

/** Ends the admitted ticket whose call is in `room`; returns its id, or undefined when none. */
export async function endTicketInRoom(
  db: Db,
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
