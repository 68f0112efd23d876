/** Fired by `<digitale-balie>` when the citizen's call starts (after an employee admitted them). */
export type BalieCallStartedEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-call-started': BalieCallStartedEvent;
  }
}
