import type {
  BookingResponse,
  CitizenSessionResponse,
  CreateBookingRequest,
  CreateBookingResponse,
  ExchangeIdentityCodeRequest,
  ExchangeIdentityCodeResponse,
  QueueStatusResponse,
  ResumeAfterRefusalResponse,
  SlotsResponse,
  StartIdentityRequest,
  StartIdentityResponse,
} from '../../../protocol/index.js';
import { bearer, post, requestJson } from '../../api-client.js';

/**
 * The balie API calls of the booking journey, one function each, so the element only says which.
 * Every secret travels in a header, never in a URL; every failure is a `BalieApiError`.
 */

export const queueStatus = (api: URL, product: string) =>
  requestJson<QueueStatusResponse>(new URL(`queue-status?product=${encodeURIComponent(product)}`, api));

export const freeSlots = (api: URL, product: string) =>
  requestJson<SlotsResponse>(new URL(`slots?product=${encodeURIComponent(product)}`, api));

export const startIdentity = (api: URL, request: StartIdentityRequest) =>
  requestJson<StartIdentityResponse>(new URL('identity/start', api), post(request));

// The identity session travels as a partitioned HttpOnly cookie (`credentials: 'include'`), and
// as a bearer header only where the browser kept no cookie and the widget holds it in memory.
const withSession = (session?: string) => (session ? bearer(session) : {});

export const exchangeIdentityCode = (api: URL, request: ExchangeIdentityCodeRequest) =>
  requestJson<ExchangeIdentityCodeResponse>(new URL('identity/exchange', api), { ...post(request), credentials: 'include' });

/** What was filled in before a login that did not succeed, handed back once. */
export const resumeAfterRefusal = (api: URL, code: string) =>
  requestJson<ResumeAfterRefusalResponse>(new URL('identity/resume', api), post({ code }));

/** Whether the session cookie is there and live: right after the exchange, and after a reload. */
export const citizenSession = (api: URL) =>
  requestJson<CitizenSessionResponse>(new URL('identity/session', api), { credentials: 'include' });

/** Logs out: the session ends on the server, and the cookie goes. */
export const endCitizenSession = (api: URL, session?: string) =>
  requestJson<void>(new URL('identity/session', api), { method: 'DELETE', credentials: 'include', headers: withSession(session) });

export const createBooking = (api: URL, request: CreateBookingRequest, idempotencyKey: string, session?: string) =>
  requestJson<CreateBookingResponse>(new URL('bookings', api), {
    ...post(request, { 'idempotency-key': idempotencyKey, ...withSession(session) }),
    credentials: 'include',
  });

export const currentBooking = (api: URL, manageSecret: string) =>
  requestJson<BookingResponse>(new URL('bookings/current', api), { headers: bearer(manageSecret) });

export const cancelBooking = (api: URL, manageSecret: string) =>
  requestJson<BookingResponse>(new URL('bookings/current/cancel', api), post({}, bearer(manageSecret)));

export const moveBooking = (api: URL, manageSecret: string, start: string) =>
  requestJson<BookingResponse>(new URL('bookings/current/move', api), post({ start }, bearer(manageSecret)));

/** A fresh key for one booking attempt: 24 random bytes, base64url (32 characters). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}
