/** Fired by `<digitale-balie>` when the citizen cancelled their appointment. */
export type BalieBookingCancelledEvent = CustomEvent<{ bookingId: string; product: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-booking-cancelled': BalieBookingCancelledEvent;
  }
}
