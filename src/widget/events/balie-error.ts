/**
 * Fired by `<digitale-balie>` when something goes wrong that the web team may want to log:
 * `code` is stable (a protocol error code, `config` or `network`), `message` is English.
 */
export type BalieErrorEvent = CustomEvent<{ code: string; message: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-error': BalieErrorEvent;
  }
}
