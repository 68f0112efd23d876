/** Fired by `<balie-confirmation>` and `<balie-appointment>`: the citizen wants another time. Internal: `<digitale-balie>` handles it. */
export type BalieAppointmentMoveEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-appointment-move': BalieAppointmentMoveEvent;
  }
}
