import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  CONSOLE_LOGIN_ERROR_PARAM,
  employeeRoles,
  type ConsoleLoginError,
  type EmployeeRole,
} from '../../protocol/index.js';
import { IdentityRejected, RelyingParty } from '../identity/relying-party.js';
import { consoleLoginCallbackRoute, consoleLoginRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import { newSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { createEmployeeSession, deleteEmployeeSession, saveEmployeeLoginFlow, takeEmployeeLoginFlow } from './employee-session-store.js';
import type { SessionLifetimes } from '../http/session-lifetimes.js';
import {
  CONSOLE_COOKIE,
  LOGIN_COOKIE,
  clearedCookie,
  readCookie,
  sessionCookie,
} from './console-session.js';

/** The municipality's own OpenID Connect provider, where employees sign in. */
export interface EmployeeLoginOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This server's `/api/console/login/callback` as registered at the provider. */
  redirectUri: string;
  /**
   * The ID token claim that carries the console role: `medewerker` or `beheerder`, or a list
   * holding one of them. Default `balie_role`. An account without one gets no session.
   */
  roleClaim?: string;
  /** How long an employee may take at the provider. Default 10 minutes. */
  flowTtlSeconds?: number;
}

/** Options of {@link employeeLogin}. */
export interface EmployeeLoginRoutesOptions {
  db: Db;
  login: EmployeeLoginOptions;
  sessions: Pick<SessionLifetimes, 'employeeIdleSeconds' | 'employeeMaxSeconds'>;
}

const plugin = 'balie-console';
const CONSOLE_PAGE = '/medewerker/';

/**
 * Employee sign-in through the municipality's provider: authorization code flow with PKCE (S256),
 * `state` and `nonce`, by the same relying party the citizens' DigiD login uses. The login is bound
 * to the browser that started it, and every login gets a fresh session id.
 */
export const employeeLogin: FastifyPluginAsync<EmployeeLoginRoutesOptions> = async (
  app,
  options,
) => {
  const { db, login } = options;
  const flowTtlSeconds = login.flowTtlSeconds ?? 10 * 60;
  const roleClaim = login.roleClaim ?? 'balie_role';
  const party = new RelyingParty({ id: 'employees', ...login });

  const route = routesFor(app, plugin);
  route(consoleLoginRoute, async (request, reply) => {
    let authorization;
    try {
      authorization = await party.authorizationRequest(undefined);
    } catch (error) {
      request.log.error({ err: error }, `${plugin}: the employees' provider cannot be reached`);
      return backToConsole(reply, 'failed');
    }
    const browser = newSecret();
    await saveEmployeeLoginFlow(
      db,
      sha256Hex(authorization.state),
      {
        browserHash: sha256Hex(browser),
        nonce: authorization.nonce,
        codeVerifier: authorization.codeVerifier,
      },
      flowTtlSeconds,
    );
    // Lax, not Strict: the provider's redirect back is a navigation from its site to ours.
    const binding = `${LOGIN_COOKIE}=${browser}; Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=${flowTtlSeconds}`;
    return reply
      .header('set-cookie', binding)
      .header('referrer-policy', 'no-referrer')
      .redirect(authorization.url.href, 303);
  });

  route(consoleLoginCallbackRoute, async (request, reply) => {
    const query = new URL(request.url, 'http://callback.invalid').searchParams;
    const states = query.getAll('state');
    const browser = readCookie(request.headers.cookie, LOGIN_COOKIE);
    if (states.length !== 1 || !states[0] || !browser) {
      return refuse(request, reply, 'failed', 'no single state, or no login cookie');
    }
    const flow = await takeEmployeeLoginFlow(db, sha256Hex(states[0]), sha256Hex(browser));
    if (!flow) {
      return refuse(request, reply, 'failed', 'unknown, expired, used or foreign login state');
    }
    const providerError = query.get('error');
    if (providerError) {
      const why = providerError === 'access_denied' ? 'cancelled' : 'failed';
      return refuse(request, reply, why, `the provider answered "${providerError.slice(0, 64)}"`);
    }
    let claims;
    try {
      claims = await party.verifiedClaims(query, { state: states[0], ...flow });
    } catch (error) {
      if (!(error instanceof IdentityRejected)) throw error;
      return refuse(request, reply, 'failed', error.reason);
    }
    const role = roleOf(claims[roleClaim]);
    if (!role) return refuse(request, reply, 'no_role', `no console role in "${roleClaim}"`);

    // A fresh session id at every login, and the browser's previous session ended: a session id
    // planted before the login (session fixation) never becomes a signed-in one.
    const previous = readCookie(request.headers.cookie, CONSOLE_COOKIE);
    if (previous) await deleteEmployeeSession(db, sha256Hex(previous));
    const session = newSecret();
    const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : undefined;
    const { employeeMaxSeconds: maxSeconds, employeeIdleSeconds: idleSeconds } = options.sessions;
    await createEmployeeSession(db, sha256Hex(session), { maxSeconds, idleSeconds }, {
      id: claims.sub,
      role,
      ...(name ? { name } : {}),
    });
    request.log.info({ role }, `${plugin}: employee signed in`);
    return reply
      .header('set-cookie', [sessionCookie(session, maxSeconds), clearedCookie(LOGIN_COOKIE)])
      .redirect(CONSOLE_PAGE, 303);
  });

  function refuse(
    request: FastifyRequest,
    reply: FastifyReply,
    why: ConsoleLoginError,
    reason: string,
  ) {
    request.log.warn({ outcome: why, reason }, `${plugin}: employee login refused`);
    return backToConsole(reply.header('set-cookie', clearedCookie(LOGIN_COOKIE)), why);
  }
};

/** Back to the console page, saying why there is no session. */
function backToConsole(reply: FastifyReply, why: ConsoleLoginError) {
  return reply.redirect(`${CONSOLE_PAGE}?${CONSOLE_LOGIN_ERROR_PARAM}=${why}`, 303);
}

/** The highest console role in a claim that is a role or a list of them. */
export function roleOf(claim: unknown): EmployeeRole | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  return [...employeeRoles].reverse().find((role) => values.includes(role));
}

