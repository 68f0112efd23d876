import type { CreateBookingRequest, ExchangeIdentityCodeRequest, StartIdentityRequest } from '../../../protocol/index.js';
import { callRoute } from '../../../protocol/client.js';
import {
  cancelBookingRoute,
  createBookingRoute,
  currentBookingRoute,
  moveBookingRoute,
  queueStatusRoute,
  slotsRoute,
} from '../../../protocol/routes/bookings.js';
import {
  citizenSessionRoute,
  endCitizenSessionRoute,
  exchangeIdentityRoute,
  resumeIdentityRoute,
  startIdentityRoute,
} from '../../../protocol/routes/identity.js';
import { bearer } from '../../api-client.js';

/**
 * The balie API calls of the booking journey, one function each, so the element only says which.
 * Every secret travels in a header, never in a URL; every failure is a `BalieApiError`. The
 * identity routes and booking creation are `citizenCookie` routes, so `callRoute` sends the
 * session's partitioned HttpOnly cookie along (`credentials: 'include'`).
 */

export const queueStatus = (api: URL, product: string) => callRoute(api, queueStatusRoute, { query: { product } });

export const freeSlots = (api: URL, product: string) => callRoute(api, slotsRoute, { query: { product } });

export const startIdentity = (api: URL, request: StartIdentityRequest) => callRoute(api, startIdentityRoute, { body: request });

// The identity session travels in its cookie, and as a bearer header only where the browser kept
// no cookie and the widget holds it in memory.
const withSession = (session?: string) => (session ? bearer(session) : {});

export const exchangeIdentityCode = (api: URL, request: ExchangeIdentityCodeRequest) =>
  callRoute(api, exchangeIdentityRoute, { body: request });

/** What was filled in before a login that did not succeed, handed back once. */
export const resumeAfterRefusal = (api: URL, code: string) => callRoute(api, resumeIdentityRoute, { body: { code } });

/** Whether the session cookie is there and live: right after the exchange, and after a reload. */
export const citizenSession = (api: URL) => callRoute(api, citizenSessionRoute);

/** Logs out: the session ends on the server, and the cookie goes. */
export const endCitizenSession = (api: URL, session?: string) =>
  callRoute(api, endCitizenSessionRoute, { headers: withSession(session) });

export const createBooking = (api: URL, request: CreateBookingRequest, idempotencyKey: string, session?: string) =>
  callRoute(api, createBookingRoute, { body: request, headers: { 'idempotency-key': idempotencyKey, ...withSession(session) } });

export const currentBooking = (api: URL, manageSecret: string) => callRoute(api, currentBookingRoute, { headers: bearer(manageSecret) });

export const cancelBooking = (api: URL, manageSecret: string) => callRoute(api, cancelBookingRoute, { headers: bearer(manageSecret) });

export const moveBooking = (api: URL, manageSecret: string, start: string) =>
  callRoute(api, moveBookingRoute, { body: { start }, headers: bearer(manageSecret) });

/** A fresh key for one booking attempt: 24 random bytes, base64url (32 characters). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}
