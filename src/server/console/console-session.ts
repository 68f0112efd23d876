import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmployeeRole, EmployeeView } from '../../protocol/index.js';
import { sendApiError } from '../http/api-error.js';
import { readCookie } from '../http/cookies.js';
import { sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { findEmployeeSession } from './employee-session-store.js';

/**
 * Name of the console's session cookie. `__Host-` makes the browser refuse it unless it is
 * `Secure`, has `Path=/` and no `Domain`: no subdomain and no plain-http page can set or shadow it.
 * Chromium and Firefox treat http://localhost and http://127.0.0.1 as secure, so it works there too.
 */
export const CONSOLE_COOKIE = '__Host-balie_console';

/** Binds an employee's OIDC login to the browser that started it (see employee-login.ts). */
export const LOGIN_COOKIE = '__Host-balie_login';

export { readCookie } from '../http/cookies.js';

/**
 * The `Set-Cookie` value for a new session. HttpOnly keeps it from scripts; SameSite=Strict keeps
 * other sites from riding on it; Secure because the `__Host-` prefix demands it.
 */
export function sessionCookie(value: string, maxSeconds: number): string {
  return `${CONSOLE_COOKIE}=${value}; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(maxSeconds)}`;
}

/** The `Set-Cookie` value that removes cookie `name`. */
export function clearedCookie(name: string): string {
  return `${name}=; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

/** The hash of the request's console session cookie, as the store keeps it; undefined without one. */
export function sessionHash(request: FastifyRequest): string | undefined {
  const value = readCookie(request.headers.cookie, CONSOLE_COOKIE);
  return value === undefined ? undefined : sha256Hex(value);
}

/** The employee behind the request's session cookie, if it is a live session (a use: idle clock reset). */
export async function sessionEmployee(
  db: Db,
  request: FastifyRequest,
): Promise<EmployeeView | undefined> {
  const hash = sessionHash(request);
  return hash === undefined ? undefined : findEmployeeSession(db, hash);
}

/**
 * Console routes are for the console page on this origin only. Browsers say where a request came
 * from in `Sec-Fetch-Site` and, on writes, `Origin`; refusing anything but this origin backs up
 * the SameSite cookie and the JSON-only writes against cross-site request forgery.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  // The host name, not the whole origin: behind a TLS proxy without `trustProxy` this server sees
  // http while the page is https. Another site's page never has this host name (and cookies, like
  // this check, do not tell ports apart).
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  return !URL.canParse(origin) || new URL(origin).hostname !== request.hostname;
}

/**
 * A state-changing console request must be `Content-Type: application/json`: an HTML form or a
 * "simple" cross-origin fetch cannot send that without a preflight, which console routes never pass.
 */
export function isJsonRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  // A document upload's bytes (issue 15): like JSON, not a type a form or a simple
  // cross-site request can send, so the browser asks first there too.
  return type === 'application/json' || type === 'application/octet-stream';
}

const employees = new WeakMap<FastifyRequest, EmployeeView>();

/** The signed-in employee of a request that passed {@link requireEmployee}. */
export function employeeOf(request: FastifyRequest): EmployeeView {
  const employee = employees.get(request);
  if (!employee) throw new Error('balie-console: employeeOf() outside requireEmployee()');
  return employee;
}

/** The audit log's actor for an employee: their opaque id, never their name. */
export function auditActor(employee: EmployeeView): string {
  return `employee:${employee.id}`;
}

/**
 * `onRequest` hook for the console's protected routes: a live employee session (never a
 * citizen's bearer token), on this origin, JSON on writes, and at least `role`.
 */
export function requireEmployee(db: Db, role: EmployeeRole = 'medewerker') {
  return async function requireEmployeeSession(request: FastifyRequest, reply: FastifyReply) {
    if (isCrossSite(request)) {
      return sendApiError(
        reply,
        403,
        'forbidden',
        'balie-console: console routes only answer the console page on this origin',
      );
    }
    const employee = await sessionEmployee(db, request);
    if (!employee) {
      return sendApiError(
        reply,
        401,
        'unauthorized',
        'balie-console: sign in first (GET /api/console/login)',
      );
    }
    if (role === 'beheerder' && employee.role !== 'beheerder') {
      return sendApiError(
        reply,
        403,
        'forbidden',
        'balie-console: only a beheerder may do this; you are signed in as medewerker',
      );
    }
    if (!['GET', 'HEAD'].includes(request.method) && !isJsonRequest(request)) {
      return sendApiError(
        reply,
        415,
        'bad_request',
        'balie-console: send Content-Type: application/json with a JSON body (for example {})',
      );
    }
    employees.set(request, employee);
  };
}
