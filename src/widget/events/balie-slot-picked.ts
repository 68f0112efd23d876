/** Fired by `<balie-slot-picker>` with the start (ISO 8601 UTC) of the time the citizen picked. Internal: `<digitale-balie>` handles it. */
export type BalieSlotPickedEvent = CustomEvent<{ start: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-slot-picked': BalieSlotPickedEvent;
  }
}
