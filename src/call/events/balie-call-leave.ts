/** Fired by `<balie-call>` when this side clicks "Ophangen"; the host tells the server. */
export type BalieCallLeaveEvent = CustomEvent<Record<string, never>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-call-leave': BalieCallLeaveEvent;
  }
}
