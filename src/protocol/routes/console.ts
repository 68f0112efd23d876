import {
  handOverRequestSchema,
  revealNationalNumberRequestSchema,
  ticketOutcomeRequestSchema,
  type AgendaResponse,
  type ColleaguesResponse,
  type ConsoleLoginOptions,
  type CouplingsResponse,
  type FiguresResponse,
  type RevealNationalNumberResponse,
  type TicketIdentityView,
  type TicketOutcomeView,
} from '../console.js';
import {
  consoleSignInRequestSchema,
  type AdmitResponse,
  type ConsoleSessionResponse,
  type QueueEntry,
} from '../queue.js';
import { responseOf, type RouteDescriptor } from './route.js';

// The employee's console: same origin only, a console session for everything but signing in.

export const consoleLoginOptionsRoute = {
  method: 'GET',
  path: '/api/console/login-options',
  response: responseOf<ConsoleLoginOptions>(),
  auth: 'public',
} as const satisfies RouteDescriptor;

/** Signing in with the development access code; sets the session cookie. */
export const consoleSignInRoute = {
  method: 'POST',
  path: '/api/console/session',
  body: consoleSignInRequestSchema,
  response: responseOf<undefined>(),
  auth: 'public',
  // Slow enough to make guessing the access code hopeless.
  rateLimit: 10,
} as const satisfies RouteDescriptor;

export const consoleSessionRoute = {
  method: 'GET',
  path: '/api/console/session',
  response: responseOf<ConsoleSessionResponse>(),
  auth: 'public',
} as const satisfies RouteDescriptor;

export const consoleSignOutRoute = {
  method: 'DELETE',
  path: '/api/console/session',
  response: responseOf<undefined>(),
  auth: 'public',
} as const satisfies RouteDescriptor;

/** Starts the municipality's OIDC login (a redirect). */
export const consoleLoginRoute = {
  method: 'GET',
  path: '/api/console/login',
  auth: 'public',
  // Each start stores a pending login until it expires.
  rateLimit: 20,
} as const satisfies RouteDescriptor;

/** Where the municipality's provider sends the employee back. */
export const consoleLoginCallbackRoute = {
  method: 'GET',
  path: '/api/console/login/callback',
  auth: 'public',
  rateLimit: 20,
} as const satisfies RouteDescriptor;

export const queueRoute = {
  method: 'GET',
  path: '/api/console/queue',
  response: responseOf<{ entries: QueueEntry[] }>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** Server-sent events of the live queue. */
export const queueEventsRoute = { method: 'GET', path: '/api/console/events', auth: 'employee' } as const satisfies RouteDescriptor;

export const admitRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/admit',
  response: responseOf<AdmitResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** The employee's call token again, after a reload. */
export const employeeCallTokenRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/call-token',
  response: responseOf<AdmitResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const endCallRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/end',
  response: responseOf<undefined>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const colleaguesRoute = {
  method: 'GET',
  path: '/api/console/colleagues',
  response: responseOf<ColleaguesResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const handOverRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/hand-over',
  body: handOverRequestSchema,
  response: responseOf<undefined>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const ticketIdentityRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/identity',
  response: responseOf<TicketIdentityView>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** Shows the BSN, with a reason from the config's list (and an explanation) that goes into the audit log. */
export const revealNationalNumberRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/identity/reveal',
  body: revealNationalNumberRequestSchema,
  response: responseOf<RevealNationalNumberResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const ticketOutcomeRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/outcome',
  response: responseOf<TicketOutcomeView>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const saveTicketOutcomeRoute = {
  method: 'PUT',
  path: '/api/console/tickets/:id/outcome',
  body: ticketOutcomeRequestSchema,
  response: responseOf<TicketOutcomeView>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** The day's appointments (`?date=…`). */
export const agendaRoute = {
  method: 'GET',
  path: '/api/console/agenda',
  response: responseOf<AgendaResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

export const couplingsRoute = {
  method: 'GET',
  path: '/api/console/couplings',
  response: responseOf<CouplingsResponse>(),
  auth: 'employee',
} as const satisfies RouteDescriptor;

/** The municipality's figures (`?from=…&to=…`). */
export const figuresRoute = {
  method: 'GET',
  path: '/api/console/figures',
  response: responseOf<FiguresResponse>(),
  auth: 'beheerder',
} as const satisfies RouteDescriptor;

/** The same figures as a CSV download. */
export const figuresCsvRoute = { method: 'GET', path: '/api/console/figures.csv', auth: 'beheerder' } as const satisfies RouteDescriptor;
