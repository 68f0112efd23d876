import type { Db, Queryable } from '../store/index.js';

/** The fixed verbs of the audit log; a new kind of access gets a new verb here first. */
export type AuditAction =
  | 'identity.shown'
  | 'ticket.admitted'
  | 'ticket.ended'
  | 'ticket.handed-over'
  | 'note.changed'
  | 'booking.cancelled'
  /** Paid at booking (issue 16): the provider said paid, the held booking is booked. */
  | 'booking.paid'
  /** Paid at booking: the hold ended unpaid and the slot was let go. */
  | 'booking.hold-expired'
  | 'retention.purged'
  | 'payment.requested'
  | 'payment.refunded'
  | 'payment.exported'
  | 'document.sent'
  | 'document.downloaded'
  | 'document.refused';

/** One audit entry: who did what to which subject, and why when a reason is required. */
export interface AuditEntry {
  /** `employee:<sub>`, `citizen:<ticket id>`, `guest:<guest id>` or `system`. Never a name or a national number. */
  actor: string;
  action: AuditAction;
  /** `ticket:<id>`, `booking:<id>`. */
  subject: string;
  reason?: string;
  requestId?: string;
}

/**
 * Appends an entry to the audit log. Callers write it in the same transaction as the change it
 * records where there is one, so the log never claims what did not happen.
 */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor, action, subject, reason, request_id) VALUES ($1, $2, $3, $4, $5)`,
    [entry.actor, entry.action, entry.subject, entry.reason ?? null, entry.requestId ?? null],
  );
}

/** An entry as read back, newest first; for the console's audit view and for tests. */
export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
}

/** The entries about one subject, newest first. */
export async function auditFor(db: Db, subject: string): Promise<AuditRecord[]> {
  const { rows } = await db.query<AuditRecord>(
    `SELECT id::text, at, actor, action, subject, reason, request_id AS "requestId"
     FROM audit_log WHERE subject = $1 ORDER BY at DESC, id DESC`,
    [subject],
  );
  return rows.map((row) => ({
    ...row,
    reason: row.reason ?? undefined,
    requestId: row.requestId ?? undefined,
  }));
}
