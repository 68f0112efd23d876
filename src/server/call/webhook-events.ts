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
