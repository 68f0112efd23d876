/** Fired by `<balie-appointment>` once the citizen confirmed cancelling. Internal: `<digitale-balie>` handles it. */
export type BalieAppointmentCancelEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-appointment-cancel': BalieAppointmentCancelEvent;
  }
}
