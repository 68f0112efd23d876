/** Fired by `<balie-appointment>`: on to the camera check and the waiting room. Internal: `<digitale-balie>` handles it. */
export type BalieAppointmentJoinEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-appointment-join': BalieAppointmentJoinEvent;
  }
}
