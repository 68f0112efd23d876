import { callFeedbackSchema } from '../feedback.js';
import { createTicketRequestSchema, type CallTokenResponse, type CreateTicketResponse, type WaitingTicketView } from '../ticket.js';
import { responseOf, type RouteDescriptor } from './route.js';

// The citizen's place in the queue. Every route but the first takes the ticket's bearer secret.

/** "Join now": a ticket, with the identity session's cookie when the product asks for DigiD. */
export const createTicketRoute = {
  method: 'POST',
  path: '/api/tickets',
  body: createTicketRequestSchema,
  response: responseOf<CreateTicketResponse>(),
  auth: 'public',
  rateLimit: 20,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

export const currentTicketRoute = {
  method: 'GET',
  path: '/api/tickets/current',
  response: responseOf<WaitingTicketView>(),
  auth: 'citizen-bearer',
  rateLimit: 240,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** Server-sent events of the ticket; see `MAX_STREAMS_PER_TICKET` on the server. */
export const ticketEventsRoute = {
  method: 'GET',
  path: '/api/tickets/current/events',
  auth: 'citizen-bearer',
  rateLimit: 60,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const ticketCallTokenRoute = {
  method: 'POST',
  path: '/api/tickets/current/call-token',
  response: responseOf<CallTokenResponse>(),
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const leaveTicketRoute = {
  method: 'POST',
  path: '/api/tickets/current/leave',
  response: responseOf<undefined>(),
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const ticketFeedbackRoute = {
  method: 'POST',
  path: '/api/tickets/current/feedback',
  body: callFeedbackSchema,
  response: responseOf<undefined>(),
  auth: 'citizen-bearer',
  rateLimit: 20,
  crossOrigin: true,
} as const satisfies RouteDescriptor;
