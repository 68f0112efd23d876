import type { BookingDetails } from '../../protocol/index.js';

/** Fired by `<balie-details-form>` with the details, once they are valid and consent is given. Internal: `<digitale-balie>` handles it. */
export type BalieDetailsSubmittedEvent = CustomEvent<{ details: BookingDetails }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-details-submitted': BalieDetailsSubmittedEvent;
  }
}
