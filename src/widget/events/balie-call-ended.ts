/** Fired by `<digitale-balie>` when the call or the wait ends, with who ended it. */
export type BalieCallEndedEvent = CustomEvent<{ reason: 'left' | 'ended-by-employee' | 'expired' | 'disconnected' }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-call-ended': BalieCallEndedEvent;
  }
}
