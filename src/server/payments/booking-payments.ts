import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { localize, type BalieConfig, type Lang, type PaymentsConfig, type PaymentView } from '../../protocol/index.js';
import { bookingPaymentRoute, paymentReturnPageRoute, paymentWebhookRoute } from '../../protocol/routes/payments.js';
import { recordAudit } from '../audit/audit.js';
import { authenticateBooking } from '../booking/booking-auth.js';
import { findBookingById } from '../booking/booking-store.js';
import { bookingFee } from '../booking/booking-rules.js';
import { ApiError } from '../http/api-error.js';
import { periodicJob } from '../jobs/periodic-job.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { confirmPaidBooking, dueHolds, releaseHolds } from './booking-hold-store.js';
import type { PaymentProvider } from './payment-provider.js';
import {
  countBookingPayments,
  findBookingPayment,
  findPaymentByProviderId,
  insertPayment,
  markRefunded,
  toPaymentView,
  type PaymentRecord,
} from './payment-store.js';

const plugin = 'balie-payments';

/** What a refund says before the payment's description, in the citizen's language. */
const refundWord: Record<Lang, string> = { nl: 'Terugbetaling', en: 'Refund', fr: 'Remboursement' };

/** What {@link bookingPayments} shares with the payments plugin. */
export interface BookingPaymentsContext {
  db: Db;
  config: BalieConfig & { payments: PaymentsConfig };
  provider: PaymentProvider;
  /** This server's URL as the provider and the citizen's browser reach it, without a final `/`. */
  base: string;
  /** Calls the provider; its being down becomes a 503 `provider_unavailable`. */
  askProvider: <T>(request: () => Promise<T>) => Promise<T>;
  /** Fetches a payment from the provider and records its status (and calls `paymentChanged`). */
  refreshFromProvider: (payment: PaymentRecord) => Promise<void>;
  /** A held booking was paid and is booked now: the confirmation mail. Must not throw. */
  bookingConfirmed?: (bookingId: string, log: FastifyBaseLogger) => Promise<void>;
  /** A held booking was paid and is booked now: the receipt mail (see `paymentReceipts`). Must not throw. */
  paid?: (payment: PaymentRecord, log: FastifyBaseLogger) => Promise<void>;
  /** How often holds that ended unpaid are let go. */
  holdSweepIntervalMs: number;
}

/**
 * Paid at booking (issue 16): the citizen pays a held booking (`awaiting-payment`) through the
 * route, the provider's "paid" books it and sends the confirmation, and a hold that ends unpaid
 * is let go so the slot is free again. Returns what the webhook calls when a booking's payment
 * changed status.
 */
export function bookingPayments(app: FastifyInstance, context: BookingPaymentsContext) {
  const { db, config, provider } = context;
  const route = routesFor(app, plugin);

  route(bookingPaymentRoute, async (request, reply): Promise<PaymentView> => {
    const { booking } = await authenticateBooking(db, request, plugin);
    const product = config.products.find((p) => p.id === booking.product);
    const fee = product && bookingFee(product);
    if (!fee) throw new ApiError(409, 'payments_off', `${plugin}: this appointment's product is not paid at booking`);
    // Resuming: the paid payment, or (below) the open one when the citizen closed the checkout tab.
    const earlier = await findBookingPayment(db, booking.id);
    if (earlier?.status === 'paid') return toPaymentView(earlier);
    if (booking.state === 'cancelled') {
      if (booking.cancelReason === 'hold-expired') {
        throw new ApiError(409, 'hold_expired', `${plugin}: the appointment was not paid in time, so its time was given free; book again`);
      }
      throw new ApiError(409, 'booking_cancelled', `${plugin}: the appointment was cancelled`);
    }
    if (booking.state !== 'awaiting-payment') {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the appointment is ${booking.state}; there is nothing to pay`);
    }
    if (!booking.holdUntil || booking.holdUntil.getTime() <= Date.now()) {
      throw new ApiError(409, 'hold_expired', `${plugin}: the time to pay for this appointment has ended; book again`);
    }
    if (earlier) return toPaymentView(earlier);
    // The same key for the same attempt: a doubled click gets the provider's same payment.
    const attempt = await countBookingPayments(db, booking.id);
    // In the citizen's language: the provider's checkout and their bank statement show it, and so
    // does the receipt.
    const description = localize(fee.label, booking.lang).slice(0, 255);
    const created = await context.askProvider(() =>
      provider.create({
        amount: fee.amount,
        description,
        method: config.payments.method,
        redirectUrl: `${context.base}${paymentReturnPageRoute.path}?na=afspraak&lang=${booking.lang}`,
        webhookUrl: `${context.base}${paymentWebhookRoute.path}`,
        idempotencyKey: `balie-booking-${booking.id}-${attempt}`,
        reference: booking.id,
      }),
    );
    const saved = await db.transaction(async (tx) => {
      const row = await insertPayment(tx, {
        ticketId: null,
        bookingId: booking.id,
        product: booking.product,
        feeIds: fee.id,
        description,
        amount: fee.amount,
        method: config.payments.method,
        provider: provider.name,
        providerId: created.id,
        checkoutUrl: created.checkoutUrl ?? null,
        status: created.status,
        requestedBy: 'citizen',
      });
      if (row) await recordAudit(tx, { actor: 'citizen', action: 'payment.requested', subject: `booking:${booking.id}`, requestId: request.id });
      return row;
    });
    // A concurrent request got the same provider payment and recorded it first.
    const payment = saved ?? (await findPaymentByProviderId(db, created.id)) ?? (await findBookingPayment(db, booking.id));
    if (!payment) throw new ApiError(409, 'payment_open', `${plugin}: this appointment already has an open payment`);
    reply.code(saved ? 201 : 200);
    return toPaymentView(payment);
  });

  /**
   * Lets go of holds that ended unpaid. A hold with an open payment is first checked with the
   * provider: a payment made in the last seconds, whose webhook has not come yet, books it.
   */
  async function releaseEndedHolds(): Promise<void> {
    const due = await dueHolds(db);
    for (const id of due) {
      const open = await findBookingPayment(db, id);
      if (!open) continue;
      try {
        await context.refreshFromProvider(open);
      } catch (error) {
        // The provider is down: the hold goes anyway; a "paid" that comes later still books the
        // slot if it is free, or is refunded (see paymentChanged).
        app.log.warn({ err: error, booking: id }, `${plugin}: could not ask the provider about a hold that ended`);
      }
    }
    const released = await releaseHolds(db, due);
    for (const id of released) {
      await recordAudit(db, { actor: 'system', action: 'booking.hold-expired', subject: `booking:${id}` });
    }
    if (released.length > 0) app.log.info({ count: released.length }, `${plugin}: let go of bookings not paid in time`);
  }

  periodicJob(app, { plugin, run: 'hold sweep', intervalMs: context.holdSweepIntervalMs, work: releaseEndedHolds });

  return {
    /**
     * A booking's payment changed status at the provider: paid books it, then the confirmation and
     * the receipt are mailed. A payment refunded because the slot was taken gets no receipt.
     */
    async paymentChanged(payment: PaymentRecord): Promise<void> {
      if (!payment.bookingId || payment.status !== 'paid') return;
      const outcome = await confirmPaidBooking(db, payment.bookingId);
      if (outcome === 'confirmed' || outcome === 'reinstated') {
        await recordAudit(db, { actor: 'system', action: 'booking.paid', subject: `booking:${payment.bookingId}` });
        await context.bookingConfirmed?.(payment.bookingId, app.log);
        await context.paid?.(payment, app.log);
      } else if (outcome === 'slot-taken') {
        // Paid after the hold ended and someone else took the slot: the money goes back.
        // Worded in the citizen's language: their bank statement shows it.
        const lang = (await findBookingById(db, payment.bookingId))?.lang ?? 'nl';
        const refundId = await context.askProvider(() => provider.refund(payment.providerId, payment.amount, `${refundWord[lang]}: ${payment.description}`));
        await markRefunded(db, payment.id, refundId);
        app.log.warn({ payment: payment.id, refundId }, `${plugin}: a booking was paid after its slot was taken; refunded`);
        await recordAudit(db, { actor: 'system', action: 'payment.refunded', subject: `payment:${payment.id}`, reason: 'paid after the hold ended' });
      }
    },
  };
}
