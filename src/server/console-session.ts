import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './api-error.js';
import { sha256Hex } from './secrets.js';
import { hasEmployeeSession, type Db } from './store/index.js';

/** Name of the console's session cookie. */
export const CONSOLE_COOKIE = 'balie_console';

/** How long an employee stays signed in: one working day and some. */
export const CONSOLE_SESSION_SECONDS = 12 * 60 * 60;

/** The value of cookie `name` in a `Cookie` header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * The `Set-Cookie` value for a new session. HttpOnly keeps it from scripts; SameSite=Strict keeps
 * other sites from riding on it; Secure whenever the request came over https.
 */
export function sessionCookie(value: string, secure: boolean): string {
  const attributes = [
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${CONSOLE_SESSION_SECONDS}`,
  ];
  if (secure) attributes.push('Secure');
  return [`${CONSOLE_COOKIE}=${value}`, ...attributes].join('; ');
}

/** Whether the request carries the cookie of a live employee session. */
export async function isSignedIn(db: Db, request: FastifyRequest): Promise<boolean> {
  const value = readCookie(request.headers.cookie, CONSOLE_COOKIE);
  return value !== undefined && (await hasEmployeeSession(db, sha256Hex(value)));
}

/**
 * Console routes are for the console page on this origin only. Browsers say where a request came
 * from in `Sec-Fetch-Site`; refusing anything but same-origin (or a typed URL) backs up the
 * SameSite cookie and the JSON-only writes against cross-site request forgery.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/**
 * A state-changing console request must be `Content-Type: application/json`: an HTML form or a
 * "simple" cross-origin fetch cannot send that without a preflight, which console routes never pass.
 */
export function isJsonRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** `onRequest` hook for the console's protected routes. */
export function requireEmployee(db: Db) {
  return async function requireEmployeeSession(request: FastifyRequest, reply: FastifyReply) {
    if (isCrossSite(request)) {
      return sendApiError(
        reply,
        403,
        'forbidden',
        'balie-console: console routes only answer the console page on this origin',
      );
    }
    if (!(await isSignedIn(db, request))) {
      return sendApiError(
        reply,
        401,
        'unauthorized',
        'balie-console: sign in first (POST /api/console/session)',
      );
    }
    if (request.method === 'POST' && !isJsonRequest(request)) {
      return sendApiError(
        reply,
        415,
        'bad_request',
        'balie-console: send Content-Type: application/json with a JSON body (for example {})',
      );
    }
  };
}
