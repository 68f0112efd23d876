import type { BalieApiError } from '../api-client.js';

/** Fired by `<balie-waiting-room>` when the server refused the ticket. Internal: `<digitale-balie>` handles it. */
export type BalieTicketErrorEvent = CustomEvent<{ error: BalieApiError }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-ticket-error': BalieTicketErrorEvent;
  }
}
