import type { Db } from '../store/index.js';
import { sharedReads } from '../store/shared-reads.js';
import { bookingBatcher } from '../booking/booking-batch.js';
import { bookedCounts, cancelBooking, moveBooking } from '../booking/booking-store.js';
import { DEFAULT_DAYS_AHEAD, freeSlots } from '../booking/slots.js';
import type { AppointmentBackend } from './appointment-backend.js';

const DAY_MS = 86_400_000;

/**
 * The balie's own store as a backend: a slot has `openingHours.desks` places, and a booking is an
 * INSERT per desk that the unique index `booking_slot_taken` lets through or not, so double
 * booking is impossible without any check-then-insert. Bookings that arrive together are written
 * together (see bookingBatcher).
 */
export function builtinBackend(db: Db): AppointmentBackend {
  const book = bookingBatcher(db);
  // Refused bookings of one day all ask for that day's counts (their next free times) at once.
  const counts = sharedReads(
    ({ product, fromMs, toMs }: { product: string; fromMs: number; toMs: number }) => bookedCounts(db, product, fromMs, toMs),
    ({ product, fromMs, toMs }) => `${product} ${fromMs} ${toMs}`,
  );
  return {
    id: 'builtin',

    async freeSlots({ product, hours }, now, range = {}) {
      // Only the booked counts of the days asked about: a 409's "next free" starts at its own day.
      const day = range.from ? Date.parse(`${range.from}T00:00:00Z`) : undefined;
      const fromMs = day === undefined ? now : Math.max(now, day - DAY_MS);
      const toMs =
        day !== undefined && range.days !== undefined
          ? day + (range.days + 1) * DAY_MS
          : now + ((hours.daysAhead ?? DEFAULT_DAYS_AHEAD) + 2) * DAY_MS;
      const booked = await counts({ product: product.id, fromMs, toMs });
      return freeSlots({ hours, durationMinutes: product.durationMinutes, booked, now, ...range });
    },

    book: ({ hours }, booking) => book(booking, hours.desks ?? 1),

    cancel: (booking) => cancelBooking(db, booking.id),

    async move({ hours }, booking, slot) {
      for (let desk = 1; desk <= (hours.desks ?? 1); desk++) {
        const outcome = await moveBooking(db, booking.id, { start: new Date(slot.start), end: new Date(slot.end) }, desk);
        if (outcome !== 'taken') return outcome;
      }
      return 'taken';
    },
  };
}
