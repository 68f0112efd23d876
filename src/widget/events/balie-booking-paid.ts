import type { BookingView } from '../../protocol/index.js';

/** Fired by `<balie-booking-payment>` when the booking is paid and booked. Internal: `<digitale-balie>` shows the confirmation. */
export type BalieBookingPaidEvent = CustomEvent<{ booking: BookingView }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-booking-paid': BalieBookingPaidEvent;
  }
}
