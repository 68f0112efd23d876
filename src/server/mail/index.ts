import type { FastifyBaseLogger } from 'fastify';
import type { BalieConfig } from '../../protocol/index.js';
import type { BookingRecord } from '../booking/booking-store.js';
import { bookingCalendar } from './calendar.js';
import { cancellationMail, confirmationMail } from './messages.js';
import type { MailOutbox } from './outbox.js';

export { MailOutbox, type MailOptions } from './outbox.js';
export { bookingCalendar } from './calendar.js';

/**
 * The booking routes' mail: each call puts a mail in the outbox. A failure to do even that is
 * logged, never thrown: the booking stands whatever happens to its mail.
 */
export interface BookingMail {
  /**
   * Queues the confirmation, once per booking however often it is called; throws when it could
   * not be queued (the store is down), unlike the others, which log and go on.
   */
  confirmed(booking: BookingRecord, manageSecret: string): Promise<void>;
  moved(booking: BookingRecord, manageSecret: string, log: FastifyBaseLogger): Promise<void>;
  cancelled(booking: BookingRecord, log: FastifyBaseLogger): Promise<void>;
}

/** {@link BookingMail} over an outbox, in the booking's language. */
export function bookingMail(outbox: MailOutbox, config: BalieConfig): BookingMail {
  const context = (booking: BookingRecord) => ({
    booking,
    config,
    product: config.products.find((p) => p.id === booking.product),
  });
  const keep = async (log: FastifyBaseLogger, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error }, 'balie-mail: a booking mail could not be put in the outbox');
    }
  };
  return {
    // Not kept from failing: a confirmation that could not be queued fails the request, so the
    // widget retries with its Idempotency-Key, and the replay queues it. Once per booking.
    confirmed: async (booking, secret) => {
      await outbox.enqueue(
        'booking.confirmed',
        booking.id,
        confirmationMail(context(booking), secret, bookingCalendar(booking, config)),
        `booking.confirmed:${booking.id}`,
      );
    },
    moved: (booking, secret, log) =>
      keep(log, async () => {
        await outbox.enqueue('booking.moved', booking.id, confirmationMail(context(booking), secret, bookingCalendar(booking, config), true));
      }),
    cancelled: (booking, log) =>
      keep(log, async () => {
        await outbox.enqueue('booking.cancelled', booking.id, cancellationMail(context(booking)));
      }),
  };
}
