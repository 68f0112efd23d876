import { LANGS } from './lang.js';
import { boolean, literal, object, optional, text, type Infer } from './schema.js';
import type { CallGrant } from './call.js';
import type { DocumentAddedEvent } from './document.js';
import type { PaymentChangedEvent } from './payment.js';

/** `POST /api/tickets`: a citizen enters the waiting room for a product. */
export const createTicketRequestSchema = object({
  product: text({ max: 64 }),
  /** The citizen's camera was denied or absent at prejoin; the employee sees it. */
  audioOnly: optional(boolean()),
  /** The widget's language: pages the server shows the citizen outside the widget follow it. */
  lang: optional(literal(...LANGS)),
});
export type CreateTicketRequest = Infer<typeof createTicketRequestSchema>;

export type TicketState = 'waiting' | 'admitted' | 'ended';

/**
 * The citizen's own view of their place. Deliberately holds no one else's data: the waiting room
 * shows how many are ahead, never who.
 */
export interface WaitingTicketView {
  id: string;
  product: string;
  state: TicketState;
  /** 1 for the first in line; 0 once admitted or ended. */
  position: number;
  createdAt: string;
}

/** Answer to `POST /api/tickets`. `secret` is the citizen's bearer token for this ticket only. */
export interface CreateTicketResponse {
  ticket: WaitingTicketView;
  secret: string;
}

/**
 * Sent on every event stream, the citizen's and the employee's, when the server cannot reach its
 * database. The ticket or queue still stands in the database; what the stream showed may be out
 * of date until its next regular event, which follows as soon as the database answers again.
 */
export type UnavailableEvent = { type: 'unavailable' };

/** Events on the citizen's stream `GET /api/tickets/current/events` (server-sent events). */
export type TicketEvent =
  | { type: 'ticket'; ticket: WaitingTicketView }
  | { type: 'ended'; reason: EndReason }
  | PaymentChangedEvent
  | DocumentAddedEvent
  | UnavailableEvent;

export type EndReason = 'left' | 'ended-by-employee' | 'expired';

/** Answer to `POST /api/tickets/current/call-token`, only after an employee admitted the ticket. */
export interface CallTokenResponse {
  call: CallGrant;
}
