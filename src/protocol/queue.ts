import type { CallGrant } from './call.js';
import { object, text, type Schema } from './schema.js';
import type { TicketState, UnavailableEvent } from './ticket.js';
import type { EmployeeView } from './console.js';
import type { PaymentChangedEvent } from './payment.js';
import type { DocumentAddedEvent } from './document.js';

/**
 * One citizen in the employee's live queue. Whether they proved who they are, never who: the
 * identity panel shows that, to the employee who admitted them.
 */
export interface QueueEntry {
  id: string;
  product: string;
  productName: string;
  state: TicketState;
  position: number;
  createdAt: string;
  audioOnly: boolean;
  /** The citizen logged in (DigiD or another provider) before joining. */
  identityVerified: boolean;
  /** Came for a booked appointment; `false` for a walk-in (bookings: issue #4). */
  booked: boolean;
  /** Handed over to this colleague: only they may admit the citizen. */
  assignedTo?: { id: string; name?: string };
}

/** The whole live queue, as the employee's stream sends it after every change. */
export type QueueSnapshotEvent = { type: 'queue'; entries: QueueEntry[] };

/** Events on the employee's stream `GET /api/console/events` (server-sent events). */
export type QueueEvent = QueueSnapshotEvent | PaymentChangedEvent | DocumentAddedEvent | UnavailableEvent;

/** Answer to `POST /api/console/tickets/:id/admit`. */
export interface AdmitResponse {
  call: CallGrant;
}

/** `POST /api/console/session`: an employee signs in (issue #6 replaces this with OIDC). */
export interface ConsoleSignInRequest {
  accessCode: string;
}

/** Validator for {@link ConsoleSignInRequest}. */
export const consoleSignInRequestSchema: Schema<ConsoleSignInRequest> = object({
  accessCode: text({ max: 200 }),
});

/** Answer to `GET /api/console/session` when signed in (401 `unauthorized` otherwise). */
export interface ConsoleSessionResponse {
  signedIn: true;
  employee: EmployeeView;
}
