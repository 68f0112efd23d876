import { FINAL_PAYMENT_STATUSES, type PaymentMethod, type PaymentStatus, type PaymentView } from '../../protocol/index.js';
import type { Db, Queryable } from '../store/index.js';

/** A payment record as the server reasons about it: bookkeeping, no person. */
export interface PaymentRecord {
  id: string;
  ticketId: string | null;
  /** Paid at booking (issue 16): the booking it pays, instead of a ticket. */
  bookingId: string | null;
  product: string;
  feeIds: string;
  description: string;
  amount: number;
  method: PaymentMethod;
  provider: string;
  providerId: string;
  checkoutUrl: string | null;
  status: PaymentStatus;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  refundId: string | null;
  refundedAt: Date | null;
}

const COLUMNS = `id, ticket_id AS "ticketId", booking_id AS "bookingId", product, fee_ids AS "feeIds", description,
  amount_cents AS amount, method, provider, provider_id AS "providerId", checkout_url AS "checkoutUrl",
  status, requested_by AS "requestedBy", created_at AS "createdAt", updated_at AS "updatedAt",
  paid_at AS "paidAt", refund_id AS "refundId", refunded_at AS "refundedAt"`;

const OPEN = `status IN ('open', 'pending', 'authorized')`;

export type NewPayment = Pick<
  PaymentRecord,
  'ticketId' | 'product' | 'feeIds' | 'description' | 'amount' | 'method' | 'provider' | 'providerId' | 'checkoutUrl' | 'status' | 'requestedBy'
> & { bookingId?: string | null };

/**
 * Records a payment the provider has just created. `undefined` when the ticket already has an
 * open one (a concurrent request won): the unique index decides, not a read before the write.
 */
export async function insertPayment(db: Queryable, p: NewPayment): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(
    `INSERT INTO payment (ticket_id, product, fee_ids, description, amount_cents, method, provider, provider_id, checkout_url, status, requested_by, booking_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [p.ticketId, p.product, p.feeIds, p.description, p.amount, p.method, p.provider, p.providerId, p.checkoutUrl, p.status, p.requestedBy, p.bookingId ?? null],
  );
  return rows[0];
}

export async function findPayment(db: Queryable, id: string): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(`SELECT ${COLUMNS} FROM payment WHERE id = $1`, [id]);
  return rows[0];
}

export async function findPaymentByProviderId(db: Queryable, providerId: string): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(`SELECT ${COLUMNS} FROM payment WHERE provider_id = $1`, [providerId]);
  return rows[0];
}

export async function findOpenPayment(db: Queryable, ticketId: string): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(`SELECT ${COLUMNS} FROM payment WHERE ticket_id = $1 AND ${OPEN}`, [ticketId]);
  return rows[0];
}

/** The booking's open payment, else its paid one (issue 16): what "pay" resumes. */
export async function findBookingPayment(db: Queryable, bookingId: string): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(
    `SELECT ${COLUMNS} FROM payment WHERE booking_id = $1 AND (${OPEN} OR status = 'paid') ORDER BY status = 'paid' DESC LIMIT 1`,
    [bookingId],
  );
  return rows[0];
}

/** How many payments a booking has had: the number in the next one's idempotency key. */
export async function countBookingPayments(db: Queryable, bookingId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment WHERE booking_id = $1`, [bookingId]);
  return rows[0]?.n ?? 0;
}

/** How many payments a ticket has had: the number in the next one's idempotency key. */
export async function countPayments(db: Queryable, ticketId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment WHERE ticket_id = $1`, [ticketId]);
  return rows[0]?.n ?? 0;
}

export async function listPayments(db: Queryable, ticketId: string): Promise<PaymentRecord[]> {
  const { rows } = await db.query<PaymentRecord>(
    `SELECT ${COLUMNS} FROM payment WHERE ticket_id = $1 ORDER BY created_at DESC, id DESC`,
    [ticketId],
  );
  return rows;
}

export async function allPayments(db: Db): Promise<PaymentRecord[]> {
  const { rows } = await db.query<PaymentRecord>(`SELECT ${COLUMNS} FROM payment ORDER BY created_at, id`);
  return rows;
}

/**
 * Takes the status the provider reported. A final status is never left again: a late or
 * reordered webhook whose fetch saw an older state cannot turn "paid" back into "open".
 */
export async function updateStatus(
  db: Queryable,
  id: string,
  status: PaymentStatus,
  paidAt: Date | undefined,
): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(
    `UPDATE payment SET status = $2, paid_at = COALESCE(paid_at, $3), updated_at = now(),
       checkout_url = CASE WHEN $2 IN ('open', 'pending') THEN checkout_url END
     WHERE id = $1 AND status NOT IN (${FINAL_PAYMENT_STATUSES.map((s) => `'${s}'`).join(', ')}) AND status IS DISTINCT FROM $2
     RETURNING ${COLUMNS}`,
    [id, status, paidAt ?? null],
  );
  return rows[0];
}

/** Marks a paid payment refunded, once. `undefined` when it was not paid or already refunded. */
export async function markRefunded(db: Queryable, id: string, refundId: string): Promise<PaymentRecord | undefined> {
  const { rows } = await db.query<PaymentRecord>(
    `UPDATE payment SET refund_id = $2, refunded_at = now(), updated_at = now()
     WHERE id = $1 AND status = 'paid' AND refund_id IS NULL RETURNING ${COLUMNS}`,
    [id, refundId],
  );
  return rows[0];
}

/** The record as citizen and employee see it. */
export function toPaymentView(p: PaymentRecord): PaymentView {
  return {
    id: p.id,
    description: p.description,
    amount: p.amount,
    method: p.method,
    status: p.status,
    ...(p.checkoutUrl && (p.status === 'open' || p.status === 'pending') ? { checkoutUrl: p.checkoutUrl } : {}),
    refunded: p.refundedAt !== null,
    createdAt: p.createdAt.toISOString(),
    ...(p.paidAt ? { paidAt: p.paidAt.toISOString() } : {}),
  };
}
