import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { readCookie } from '../http/cookies.js';
import { readBearerSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { useIdentitySession, type IdentityLogin, type UsedSession } from './identity-store.js';

/**
 * The citizen's identity session cookie. `__Host-`: only this server's origin can set it (no
 * subdomain, no plain-http page), `Path=/`. `Secure` as the prefix demands (Chromium and Firefox
 * count http://localhost and 127.0.0.1 as secure). `HttpOnly`: no script on the municipal page
 * reads it. `SameSite=None` because the widget's requests are cross-site (the municipality's page
 * calls this server), and `Partitioned` (CHIPS) so the browser keeps it only for that one
 * municipal site: another site embedding this server never sends it, and browsers that block
 * third-party cookies still keep a partitioned one. Where a browser keeps none, the widget holds
 * the same token in memory and sends it as a bearer header.
 */
export const CITIZEN_COOKIE = '__Host-balie_citizen';

const attributes = 'Secure; HttpOnly; SameSite=None; Partitioned; Path=/';

/** The `Set-Cookie` value for a new citizen session that ends after `maxSeconds` at most. */
export function citizenSessionCookie(value: string, maxSeconds: number): string {
  return `${CITIZEN_COOKIE}=${value}; ${attributes}; Max-Age=${Math.floor(maxSeconds)}`;
}

/** The `Set-Cookie` value that removes it (a partitioned cookie is only removed as partitioned). */
export const clearedCitizenCookie = `${CITIZEN_COOKIE}=; ${attributes}; Max-Age=0`;

const cookieTokens = new WeakMap<FastifyRequest, string>();

/**
 * Reads the session cookie on the routes whose descriptor says `citizenCookie`, of requests the
 * municipal pages send: from an allowed origin (the widget's CORS requests carry `Origin`), or
 * from this server's own origin. Partitioning already
 * keeps other top-level sites from sending it; the origin check also keeps out a frame of another
 * origin inside the municipal page, and browsers without partitioning.
 */
export function registerCitizenCookie(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async function readCitizenCookie(request) {
    if (!request.routeOptions.config.route?.citizenCookie) return;
    const token = readCookie(request.headers.cookie, CITIZEN_COOKIE);
    if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return;
    const origin = request.headers.origin;
    const sameOrigin = request.headers['sec-fetch-site'] === 'same-origin';
    if (sameOrigin || (origin !== undefined && allowed.has(origin))) cookieTokens.set(request, token);
  });
}

/** The session tokens a request carries: its bearer header, its cookie, or both (deduplicated). */
export function citizenSessionTokens(request: FastifyRequest): string[] {
  const bearer = readBearerSecret(request.headers.authorization);
  const cookie = cookieTokens.get(request);
  return [...new Set([bearer, cookie].filter((token): token is string => token !== undefined))];
}

/** The request's live session, used (its idle clock reset): bearer first, then the cookie. */
export async function useCitizenSession(
  db: Db,
  request: FastifyRequest,
  bookingKey?: string,
): Promise<UsedSession | undefined> {
  for (const token of citizenSessionTokens(request)) {
    const used = await useIdentitySession(db, sha256Hex(token), bookingKey);
    if (used) return used;
  }
  return undefined;
}

/**
 * The live session, used, shown on joining a booking: `token` from the body, or the cookie (the
 * bearer header holds the manage secret there). What the session made before does not matter:
 * it opens only a booking of the same person (see `identityForJoin`).
 */
export async function useJoinSession(db: Db, request: FastifyRequest, token?: string): Promise<UsedSession | undefined> {
  const used = token === undefined ? undefined : await useIdentitySession(db, sha256Hex(token));
  return used ?? useCitizenSession(db, request);
}

/**
 * The verified identity behind the request's session, for a route that makes a booking (with the
 * hash of its `Idempotency-Key`) or a walk-in ticket (without); `undefined` without a live
 * session. A session is bound to the one booking or ticket it made: using it for another is
 * refused with 403 `identity_session_bound` where a login is `required`, and ignored like an
 * ended session where none is. So a copied session cannot book in someone's name twice, and a
 * session is no key to anyone's ticket or appointment (those have secrets of their own).
 */
export async function findCitizenLogin(
  db: Db,
  request: FastifyRequest,
  use: { bookingKey?: string; required: boolean },
): Promise<IdentityLogin | undefined> {
  const used = await useCitizenSession(db, request, use.bookingKey);
  if (!used?.boundElsewhere) return used?.login;
  if (!use.required) return undefined;
  throw new ApiError(
    403,
    'identity_session_bound',
    'balie-identity: this identity session already made its booking or ticket; log in again for another',
  );
}
