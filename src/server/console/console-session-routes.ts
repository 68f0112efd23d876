import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ConsoleLoginOptions,
  type ConsoleSessionResponse,
} from '../../protocol/index.js';
import {
  consoleLoginOptionsRoute,
  consoleSessionRoute,
  consoleSignInRoute,
  consoleSignOutRoute,
} from '../../protocol/routes/console.js';
import { ApiError, sendApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import {
  CONSOLE_COOKIE,
  clearedCookie,
  isCrossSite,
  isJsonRequest,
  readCookie,
  sessionCookie,
  sessionEmployee,
} from './console-session.js';
import { constantTimeEqual, newSecret, sha256Hex } from '../http/secrets.js';
import type { SessionLifetimes } from '../http/session-lifetimes.js';
import type { QueueHub } from '../queue/queue-hub.js';
import type { Db } from '../store/index.js';
import { createEmployeeSession, deleteEmployeeSession, liveEmployeeSessions } from './employee-session-store.js';

/** Options of {@link consoleSessionRoutes}. */
export interface ConsoleSessionRoutesOptions {
  db: Db;
  /** Its queue streams of a session end with the session. */
  hub: QueueHub;
  /** The development fallback: a shared code that signs in as `medewerker`. Off when absent. */
  consoleAccessCode?: string;
  /** Whether employees can sign in through OIDC (`GET /api/console/login`). */
  oidc: boolean;
  sessions: Pick<SessionLifetimes, 'employeeIdleSeconds' | 'employeeMaxSeconds'>;
}

const plugin = 'balie-console';

/**
 * The console session itself: how one can sign in here, who is signed in, sign-out, and the
 * shared access code — a development fallback for `npm start` and the end-to-end tests, off in
 * production unless `BALIE_CONSOLE_CODE` is set.
 */
export const consoleSessionRoutes: FastifyPluginAsync<ConsoleSessionRoutesOptions> = async (
  app,
  options,
) => {
  const { db, consoleAccessCode } = options;

  const route = routesFor(app, plugin);
  route(consoleLoginOptionsRoute, async (): Promise<ConsoleLoginOptions> => ({
    oidc: options.oidc,
    accessCode: consoleAccessCode !== undefined,
  }));

  // Before the body is read: a forged or misdirected sign-in learns nothing about its body.
  async function signInAllowed(request: FastifyRequest, reply: FastifyReply) {
    // The same forgery guards as requireEmployee: a forged sign-in would put a victim's browser
    // into an attacker's session.
    if (isCrossSite(request)) {
      return sendApiError(
        reply,
        403,
        'forbidden',
        `${plugin}: sign in from the console page on this origin`,
      );
    }
    if (!isJsonRequest(request)) {
      return sendApiError(
        reply,
        415,
        'bad_request',
        `${plugin}: send Content-Type: application/json with {"accessCode": …}`,
      );
    }
    if (consoleAccessCode === undefined) {
      throw new ApiError(
        404,
        'not_found',
        `${plugin}: sign-in with an access code is off; sign in at GET /api/console/login`,
      );
    }
  }

  route(consoleSignInRoute, { onRequest: signInAllowed }, async (request, reply) => {
    if (consoleAccessCode === undefined || !constantTimeEqual(request.body.accessCode, consoleAccessCode)) {
      throw new ApiError(401, 'unauthorized', `${plugin}: wrong access code`);
    }
    const previous = readCookie(request.headers.cookie, CONSOLE_COOKIE);
    if (previous) await deleteEmployeeSession(db, sha256Hex(previous));
    const value = newSecret();
    // Everyone with the code is a medewerker; a random id per sign-in keeps their audit entries apart.
    const id = `access-code-${randomBytes(6).toString('hex')}`;
    const { employeeMaxSeconds: maxSeconds, employeeIdleSeconds: idleSeconds } = options.sessions;
    await createEmployeeSession(db, sha256Hex(value), { maxSeconds, idleSeconds }, {
      id,
      role: 'medewerker',
    });
    return reply.header('set-cookie', sessionCookie(value, maxSeconds)).code(204).send();
  });

  route(consoleSessionRoute, async (request, reply) => {
    const employee = await sessionEmployee(db, request);
    if (!employee) return sendApiError(reply, 401, 'unauthorized', `${plugin}: not signed in`);
    const body: ConsoleSessionResponse = { signedIn: true, employee };
    return body;
  });

  // Sign-out ends the session in the store, not only in the browser: a copied cookie dies too,
  // and so do the queue streams it opened.
  // DELETE cannot be sent cross-site without a preflight, which console routes never pass.
  route(consoleSignOutRoute, async (request, reply) => {
    if (isCrossSite(request)) {
      return sendApiError(reply, 403, 'forbidden', `${plugin}: sign out from the console page`);
    }
    const value = readCookie(request.headers.cookie, CONSOLE_COOKIE);
    if (value !== undefined) {
      await deleteEmployeeSession(db, sha256Hex(value));
      // This instance's streams of the session end now; other instances' at their next sweep.
      await options.hub.closeQueueStreamsOfEndedSessions((hashes) => liveEmployeeSessions(db, hashes));
    }
    return reply.header('set-cookie', clearedCookie(CONSOLE_COOKIE)).code(204).send();
  });
};
