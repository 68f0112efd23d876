/** Fired by `<digitale-balie>` when an appointment is booked (or moved). `start` is ISO 8601 UTC. */
export type BalieBookedEvent = CustomEvent<{ bookingId: string; product: string; start: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-booked': BalieBookedEvent;
  }
}
