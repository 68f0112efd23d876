/** Fired by `<balie-sign-in>` when the access code opened a session; the console then loads it. */
export type BalieSignedInEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-signed-in': BalieSignedInEvent;
  }
}
