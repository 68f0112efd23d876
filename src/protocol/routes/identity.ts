import {
  exchangeIdentityCodeRequestSchema,
  resumeAfterRefusalRequestSchema,
  startIdentityRequestSchema,
  type CitizenSessionResponse,
  type ExchangeIdentityCodeResponse,
  type ResumeAfterRefusalResponse,
  type StartIdentityResponse,
} from '../identity.js';
import { responseOf, type RouteDescriptor } from './route.js';

// DigiD and friends. Every identity route reads the session cookie: exchange sets it, session
// reads and ends it, and the rest may find it.

/** Starts a login at the provider; answers the URL to send the browser to. */
export const startIdentityRoute = {
  method: 'POST',
  path: '/api/identity/start',
  body: startIdentityRequestSchema,
  response: responseOf<StartIdentityResponse>(),
  auth: 'public',
  rateLimit: 30,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

/** Where the provider sends the browser back; redirects to the municipal page. */
export const identityCallbackRoute = {
  method: 'GET',
  path: '/api/identity/callback',
  auth: 'public',
  rateLimit: 30,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

/** After a refused login: the journey to resume, for the one-time code in the fragment. */
export const resumeIdentityRoute = {
  method: 'POST',
  path: '/api/identity/resume',
  body: resumeAfterRefusalRequestSchema,
  response: responseOf<ResumeAfterRefusalResponse>(),
  auth: 'public',
  // One-time codes are 256 bits, but guessing them should still be slow.
  rateLimit: 20,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

/** The one-time code from the fragment, exchanged for the identity session (and its cookie). */
export const exchangeIdentityRoute = {
  method: 'POST',
  path: '/api/identity/exchange',
  body: exchangeIdentityCodeRequestSchema,
  response: responseOf<ExchangeIdentityCodeResponse>(),
  auth: 'public',
  rateLimit: 20,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

export const citizenSessionRoute = {
  method: 'GET',
  path: '/api/identity/session',
  response: responseOf<CitizenSessionResponse>(),
  auth: 'citizen-cookie',
  rateLimit: 60,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

/** Logging out. */
export const endCitizenSessionRoute = {
  method: 'DELETE',
  path: '/api/identity/session',
  response: responseOf<undefined>(),
  auth: 'citizen-cookie',
  rateLimit: 30,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

/**
 * The balie's public keys, where a broker fetches them (its `jwks_uri` for this client): checks
 * `private_key_jwt` assertions and encrypts ID tokens with them. Server to server, so no CORS.
 */
export const jwksRoute = {
  method: 'GET',
  path: '/api/identity/jwks.json',
  auth: 'public',
  rateLimit: 60,
} as const satisfies RouteDescriptor;
