/** Fired by `<balie-prejoin>` when the citizen goes on; `audioOnly` when the camera could not be used. Internal: `<digitale-balie>` handles it. */
export type BaliePrejoinDoneEvent = CustomEvent<{ audioOnly: boolean }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-prejoin-done': BaliePrejoinDoneEvent;
  }
}
