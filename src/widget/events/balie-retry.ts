/** Fired by a stage when the citizen tries again: the same booking, the login, or a new appointment. Internal: `<digitale-balie>` handles it. */
export type BalieRetryEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-retry': BalieRetryEvent;
  }
}
