/** Fired by `<balie-prejoin>` when the citizen stops at the camera check. Internal: `<digitale-balie>` handles it. */
export type BaliePrejoinCancelEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-prejoin-cancel': BaliePrejoinCancelEvent;
  }
}
