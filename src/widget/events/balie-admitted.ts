/** Fired by `<balie-waiting-room>` when an employee admitted the citizen. Internal: `<digitale-balie>` handles it. */
export type BalieAdmittedEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-admitted': BalieAdmittedEvent;
  }
}
