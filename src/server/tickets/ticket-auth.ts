import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { readBearerSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { findTicketBySecretHash, type TicketRecord } from './ticket-store.js';


/**
 * The ticket the request's `Authorization: Bearer <secret>` belongs to. A header, not a cookie or
 * URL: the widget runs on other sites' pages, where third-party cookies are blocked and URLs leak
 * into logs and referrers.
 */
export async function authenticateTicket(db: Db, request: FastifyRequest): Promise<TicketRecord> {
  const header = request.headers.authorization;
  if (!header) {
    throw new ApiError(
      401,
      'unauthorized',
      'balie-tickets: send the ticket secret as "Authorization: Bearer <secret>"',
    );
  }
  const secret = readBearerSecret(header);
  if (!secret) {
    throw new ApiError(
      401,
      'unauthorized',
      'balie-tickets: the Authorization header is not "Bearer <43-character secret>"',
    );
  }
  const ticket = await findTicketBySecretHash(db, sha256Hex(secret));
  if (!ticket)
    throw new ApiError(404, 'ticket_unknown', 'balie-tickets: no ticket has this secret');
  return ticket;
}

/**
 * Throws the 404/410 that says why a ticket cannot be acted on, or returns it when it is live
 * (waiting in time, or admitted). `plugin` prefixes the message.
 */
export function requireLiveTicket(ticket: TicketRecord | undefined, plugin: string): TicketRecord {
  if (!ticket) throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
  if (ticket.lapsed || ticket.endReason === 'expired') {
    throw new ApiError(410, 'ticket_expired', `${plugin}: the ticket expired while waiting`);
  }
  if (ticket.state === 'ended') {
    throw new ApiError(
      410,
      'ticket_ended',
      `${plugin}: the ticket has ended (${ticket.endReason})`,
    );
  }
  return ticket;
}

/**
 * Returns the ticket when its call is `employeeId`'s — they admitted the citizen or the call was
 * handed over to them — and throws 403 `not_your_call` otherwise. Being signed in to the console
 * is not enough to join, or bring a guest into, a colleague's call (issue 14, #1).
 */
export function requireOwnCall(ticket: TicketRecord, employeeId: string, plugin: string): TicketRecord {
  if (ticket.admittedBy !== employeeId) {
    throw new ApiError(
      403,
      'not_your_call',
      `${plugin}: this call is a colleague's; only the employee who admitted the citizen, or to whom the call was handed over, may join it or invite to it`,
    );
  }
  return ticket;
}

/**
 * For a ticket an atomic update just missed: throws the error that says why it is not live any
 * more (a race with the employee, the citizen or the sweep).
 */
export function explainNotLive(ticket: TicketRecord | undefined, plugin: string): never {
  requireLiveTicket(ticket, plugin);
  throw new Error(`${plugin}: ticket ${ticket?.id} is live but could not be changed`);
}
