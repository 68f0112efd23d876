/** Fired by `<balie-waiting-room>` when the citizen wants to leave the queue. Internal: `<digitale-balie>` handles it. */
export type BalieLeaveRequestEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-leave-request': BalieLeaveRequestEvent;
  }
}
