/** Fired by `<balie-confirmation>`: the citizen wants to see or cancel the appointment. Internal: `<digitale-balie>` handles it. */
export type BalieAppointmentManageEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-appointment-manage': BalieAppointmentManageEvent;
  }
}
