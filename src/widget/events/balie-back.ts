/** Fired by a booking stage when the citizen goes one step back. Internal: `<digitale-balie>` handles it. */
export type BalieBackEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-back': BalieBackEvent;
  }
}
