/**
 * Fired by `<balie-call>` when the call is over without this side hanging up: the room was
 * closed (the other side ended it) or the connection could not be restored.
 */
export type BalieCallDisconnectedEvent = CustomEvent<{ reason: 'room-closed' | 'connection-lost' | 'replaced' }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-call-disconnected': BalieCallDisconnectedEvent;
  }
}
