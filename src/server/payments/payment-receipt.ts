import type { FastifyBaseLogger } from 'fastify';
import type { BalieConfig } from '../../protocol/index.js';
import { findBookingById, idempotencyKeyHashOf } from '../booking/booking-store.js';
import type { ManageSecretFor } from '../booking/manage-secret.js';
import type { BookingMail } from '../mail/index.js';
import type { MailOutbox } from '../mail/outbox.js';
import { receiptMail } from '../mail/receipt.js';
import type { Db } from '../store/index.js';
import type { PaymentRecord } from './payment-store.js';

/**
 * The receipt after a payment (issue 16): in the call, mailed when the citizen left an address,
 * which is when the call came from a booked appointment whose details are still kept; at booking,
 * to the booking's address once the paid booking is confirmed. Queued once per payment, however
 * often the provider reports it paid. A failure is logged, never thrown: the payment stands
 * whatever happens to its mail.
 */
export function paymentReceipts(db: Db, outbox: MailOutbox, config: BalieConfig) {
  return async function sendReceipt(payment: PaymentRecord, log: FastifyBaseLogger): Promise<void> {
    try {
      const bookingId = payment.bookingId ?? (payment.ticketId ? await bookingOfTicket(db, payment.ticketId) : undefined);
      const booking = bookingId && (await findBookingById(db, bookingId));
      if (!booking || booking.detailsPurged || !booking.email) return;
      const facts = { ...payment, paidAt: payment.paidAt ?? payment.updatedAt, paidFor: payment.bookingId ? 'booking' : 'call' } as const;
      const mail = receiptMail(booking, facts, config);
      await outbox.enqueue('payment.receipt', booking.id, mail, `payment.receipt:${payment.id}`);
    } catch (error) {
      log.error({ err: error, payment: payment.id }, 'balie-payments: the receipt could not be put in the outbox');
    }
  };
}

async function bookingOfTicket(db: Db, ticketId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM booking WHERE ticket_id = $1`, [ticketId]);
  return rows[0]?.id;
}

/**
 * The confirmation mail of a booking paid at booking (issue 16), sent once it is paid instead of
 * when it was made; with the manage link, as any confirmation. A failure is logged, never thrown.
 */
export function confirmPaidBookingMail(db: Db, mail: BookingMail, manageSecretFor: ManageSecretFor) {
  return async function sendConfirmation(bookingId: string, log: FastifyBaseLogger): Promise<void> {
    try {
      const booking = await findBookingById(db, bookingId);
      const keyHash = await idempotencyKeyHashOf(db, bookingId);
      if (!booking || !keyHash || booking.detailsPurged) return;
      await mail.confirmed(booking, manageSecretFor(keyHash));
    } catch (error) {
      log.error({ err: error, booking: bookingId }, 'balie-payments: the confirmation of a paid booking could not be put in the outbox');
    }
  };
}
