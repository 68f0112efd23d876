import type { CallFeedback } from '../../protocol/index.js';
import type { Db } from '../store/types.js';

export type FeedbackOutcome = 'saved' | 'already-given' | 'no-call' | 'too-late';

/** How long after a call the citizen may still say how it was. */
const FEEDBACK_WINDOW = '1 day';

/**
 * Stores the citizen's feedback on their call, once. Only a ticket that was in a call (it got a
 * room) may give it, and only until a day after the call ended; the database decides both, so
 * two submissions racing each other store one.
 */
export async function saveFeedback(db: Db, ticketId: string, feedback: CallFeedback): Promise<FeedbackOutcome> {
  const { rows } = await db.query<{ saved: boolean }>(
    `INSERT INTO call_feedback (ticket_id, score, comment)
     SELECT id, $2, $3 FROM waiting_ticket
     WHERE id = $1 AND room IS NOT NULL AND (ended_at IS NULL OR ended_at > now() - interval '${FEEDBACK_WINDOW}')
     ON CONFLICT (ticket_id) DO NOTHING
     RETURNING true AS saved`,
    [ticketId, feedback.score, feedback.comment ?? null],
  );
  if (rows.length) return 'saved';
  const { rows: why } = await db.query<{ hadCall: boolean; inTime: boolean; given: boolean }>(
    `SELECT room IS NOT NULL AS "hadCall",
       (ended_at IS NULL OR ended_at > now() - interval '${FEEDBACK_WINDOW}') AS "inTime",
       EXISTS (SELECT 1 FROM call_feedback f WHERE f.ticket_id = t.id) AS given
     FROM waiting_ticket t WHERE id = $1`,
    [ticketId],
  );
  if (why[0]?.given) return 'already-given';
  return why[0]?.hadCall ? 'too-late' : 'no-call';
}
