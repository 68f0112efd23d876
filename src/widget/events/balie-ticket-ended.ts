import type { EndReason } from '../../protocol/index.js';

/** Fired by `<balie-waiting-room>` when the ticket ended on the server. Internal: `<digitale-balie>` handles it. */
export type BalieTicketEndedEvent = CustomEvent<{ reason: EndReason }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-ticket-ended': BalieTicketEndedEvent;
  }
}
