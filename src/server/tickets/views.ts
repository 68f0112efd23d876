import { localize, type BalieConfig, type QueueEntry, type WaitingTicketView } from '../../protocol/index.js';
import type { TicketRecord } from './ticket-store.js';

/** The citizen's own view of a ticket: nothing about anyone else but how many are ahead. */
export function toTicketView(ticket: TicketRecord): WaitingTicketView {
  return {
    id: ticket.id,
    product: ticket.product,
    state: ticket.state,
    position: ticket.position,
    createdAt: ticket.createdAt.toISOString(),
  };
}

/** Maps product ids to their display names, for the employee's queue (the console speaks Dutch). */
export function productNames(config: BalieConfig): Map<string, string> {
  return new Map(config.products.map((product) => [product.id, localize(product.name, 'nl')]));
}

/** One row of the employee's queue. */
export function toQueueEntry(ticket: TicketRecord, names: Map<string, string>): QueueEntry {
  return {
    id: ticket.id,
    product: ticket.product,
    // A product removed from the config while someone waits for it still shows, by its id.
    productName: names.get(ticket.product) ?? ticket.product,
    state: ticket.state,
    position: ticket.position,
    createdAt: ticket.createdAt.toISOString(),
    audioOnly: ticket.audioOnly,
    identityVerified: ticket.identityVerified,
    booked: ticket.booked,
    ...(ticket.assignedTo
      ? {
          assignedTo: {
            id: ticket.assignedTo,
            ...(ticket.assignedName ? { name: ticket.assignedName } : {}),
          },
        }
      : {}),
  };
}
