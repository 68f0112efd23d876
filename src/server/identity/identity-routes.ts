import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  IDENTITY_CODE_PARAM,
  IDENTITY_ERROR_PARAM,
  IDENTITY_RESUME_PARAM,
  type BalieConfig,
  type ErrorCode,
  type ExchangeIdentityCodeResponse,
  type IdentityReturnError,
  type ResumeAfterRefusalResponse,
  type StartIdentityResponse,
} from '../../protocol/index.js';
import {
  exchangeIdentityRoute,
  identityCallbackRoute,
  resumeIdentityRoute,
  startIdentityRoute,
} from '../../protocol/routes/identity.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import { newSecret, sha256Hex } from '../http/secrets.js';
import { openResume, sealResume } from './resume-seal.js';
import type { SessionLifetimes } from '../http/session-lifetimes.js';
import type { Db } from '../store/index.js';
import { citizenSessionCookie, citizenSessionTokens } from './citizen-session.js';
import { citizenSessionRoutes } from './citizen-session-routes.js';
import {
  createIdentitySession,
  endIdentitySessions,
  markCodeUsed,
  redeemHandoff,
  saveFlow,
  saveLogin,
  saveRefusedResume,
  takeFlow,
  takeRefusedResume,
  type IdentityFlow,
  type IdentityLogin,
} from './identity-store.js';
import { isAllowedReturnUrl, meetsLevel, type IdentityOptions } from './identity-options.js';
import { IdentityRejected, RelyingParty } from './relying-party.js';

type CallbackOutcome =
  | { ok: true; identity: Omit<IdentityLogin, 'id' | 'provider'> }
  | { ok: false; error: IdentityReturnError; reason: string };

/** Options of {@link identityRoutes}. */
export interface IdentityRoutesOptions {
  db: Db;
  config: BalieConfig;
  identity: IdentityOptions;
  /** The citizen's session: idle and absolute lifetime. */
  sessions: Pick<SessionLifetimes, 'citizenIdleSeconds' | 'citizenMaxSeconds'>;
}

const plugin = 'balie-identity';

const defaults = {
  handoffTtlSeconds: 60,
  flowTtlSeconds: 10 * 60,
};

/**
 * The OpenID Connect relying party: start a login at DigiD (or another provider), take the
 * callback, and hand the result to the widget as a one-time code in the return URL's fragment,
 * which it exchanges for a session. The BSN stays in the store: no response, URL or log line
 * carries it, and log lines name the failed check, never a claim's value.
 */
export const identityRoutes: FastifyPluginAsync<IdentityRoutesOptions> = async (app, options) => {
  const { db, identity, sessions } = options;
  const ttl = { ...defaults, ...identity };
  app.register(citizenSessionRoutes, { db });
  const route = routesFor(app, plugin);
  const products = new Map(options.config.products.map((p) => [p.id, p]));
  const parties = new Map(identity.providers.map((p) => [p.id, new RelyingParty(p)]));
  // The config says which providers the citizen may pick and which pages they come back to; the
  // server's own options add issuers and secrets, and may widen the allowlist.
  const offered = new Set(options.config.identity?.providers.map((p) => p.id) ?? []);
  const returnUrls = [...(options.config.identity?.returnUrls ?? []), ...identity.returnUrlAllowlist];

  route(startIdentityRoute, async (request): Promise<StartIdentityResponse> => {
    const { provider, product, returnUrl, resume, bindingHash } = request.body;
    const party = parties.get(provider);
    if (!party || !offered.has(provider)) {
      const known = [...parties.keys()].filter((id) => offered.has(id)).join(', ') || 'none';
      throw refuse(404, 'provider_unknown', `no identity provider "${provider}" in the config's identity.providers (offered: ${known})`);
    }
    const configured = products.get(product);
    if (!configured) {
      throw refuse(
        404,
        'product_unknown',
        `product "${product}" is not in this balie's configuration`,
      );
    }
    if (!isAllowedReturnUrl(returnUrl, returnUrls)) {
      throw refuse(
        400,
        'return_url_not_allowed',
        `return URL ${returnUrl} is not on the allowlist`,
      );
    }
    // A product that needs no login may still be logged in for (to skip typing a name): then
    // the lowest level DigiD has is enough.
    const levelOfAssurance =
      identity.productLevels?.[product] ?? configured.levelOfAssurance ?? 'basis';
    let authorization;
    try {
      authorization = await party.authorizationRequest(levelOfAssurance);
    } catch (error) {
      request.log.error({ err: error, provider }, `${plugin}: provider discovery failed`);
      throw refuse(502, 'unavailable', `identity provider "${provider}" cannot be reached`);
    }
    const flow: IdentityFlow = {
      provider,
      product,
      returnUrl,
      levelOfAssurance,
      nonce: authorization.nonce,
      codeVerifier: authorization.codeVerifier,
      bindingHash,
      ...(resume ? { resume: sealResume(authorization.state, resume) } : {}),
    };
    await saveFlow(db, sha256Hex(authorization.state), flow, ttl.flowTtlSeconds);
    return { authorizationUrl: authorization.url.href };
  });

  route(identityCallbackRoute, async (request, reply) => {
    const query = new URL(request.url, 'http://callback.invalid').searchParams;
    const states = query.getAll('state');
    if (states.length !== 1 || !states[0]) {
      throw refuse(400, 'identity_state_invalid', 'the callback has no single "state" parameter');
    }
    const state = states[0];
    const taken = await takeFlow(db, sha256Hex(state));
    if (!taken.ok && taken.why === 'used') {
      throw refuse(
        400,
        'identity_state_used',
        'this login was already completed (a replayed callback)',
      );
    }
    if (!taken.ok) {
      throw refuse(400, 'identity_state_invalid', `the callback's "state" is ${taken.why}`);
    }
    const { flow } = taken;
    const resume = flow.resume ? openResume(state, flow.resume) : undefined;
    const outcome = await settleCallback(query, state, flow);
    if (!outcome.ok) {
      const { error, reason } = outcome;
      request.log.warn(
        { provider: flow.provider, outcome: error, reason },
        `${plugin}: login refused`,
      );
      // What the citizen filled in goes back too, under a code of its own: a cancelled login
      // costs them the login, not their details.
      const kept: Record<string, string> = {};
      if (resume) {
        const code = newSecret();
        await saveRefusedResume(db, sha256Hex(code), sealResume(code, resume), ttl.handoffTtlSeconds);
        kept[IDENTITY_RESUME_PARAM] = code;
      }
      return redirectBack(reply, flow.returnUrl, { [IDENTITY_ERROR_PARAM]: error, ...kept });
    }
    const handoff = newSecret();
    await saveLogin(
      db,
      { ...outcome.identity, provider: flow.provider },
      { codeHash: sha256Hex(handoff), bindingHash: flow.bindingHash, ttlSeconds: ttl.handoffTtlSeconds, ...(resume ? { resume: sealResume(handoff, resume) } : {}) },
    );
    request.log.info(
      { provider: flow.provider, level: outcome.identity.levelOfAssurance },
      `${plugin}: citizen identified`,
    );
    return redirectBack(reply, flow.returnUrl, { [IDENTITY_CODE_PARAM]: handoff });
  });

  /**
   * Everything between a valid state and a stored identity: the provider's own error, a code
   * seen before, the token exchange with its ID token checks, and the level of assurance.
   */
  async function settleCallback(
    query: URLSearchParams,
    state: string,
    flow: IdentityFlow,
  ): Promise<CallbackOutcome> {
    const providerError = query.get('error');
    if (providerError) {
      const error = providerError === 'access_denied' ? 'cancelled' : 'provider_error';
      return { ok: false, error, reason: `the provider answered "${providerError.slice(0, 64)}"` };
    }
    const code = query.get('code');
    if (code && !(await markCodeUsed(db, sha256Hex(code)))) {
      const reason = 'this authorization code was used before (a replayed code)';
      return { ok: false, error: 'provider_error', reason };
    }
    let verified;
    try {
      verified = await parties.get(flow.provider)!.redeem(query, { state, ...flow });
    } catch (error) {
      if (!(error instanceof IdentityRejected)) throw error;
      return { ok: false, error: 'provider_error', reason: error.reason };
    }
    const level = verified.levelOfAssurance;
    if (!level || !meetsLevel(level, flow.levelOfAssurance)) {
      const reason = `asked for ${flow.levelOfAssurance}, got ${level ?? 'an unknown acr'}`;
      return { ok: false, error: 'assurance_too_low', reason };
    }
    return { ok: true, identity: { ...verified, levelOfAssurance: level } };
  }

  // After a refused or cancelled login: what was filled in before it, once, and nothing else.
  route(resumeIdentityRoute, async (request): Promise<ResumeAfterRefusalResponse> => {
    const sealed = await takeRefusedResume(db, sha256Hex(request.body.code));
    const resume = sealed === undefined ? undefined : openResume(request.body.code, sealed);
    if (!resume) throw refuse(410, 'identity_code_expired', 'this one-time code is unknown, used or expired');
    return { resume };
  });

  route(exchangeIdentityRoute, async (request, reply): Promise<ExchangeIdentityCodeResponse> => {
    const redeemed = await redeemHandoff(db, sha256Hex(request.body.code), sha256Hex(request.body.binding));
    if (!redeemed.ok) {
      if (redeemed.why === 'other_browser') {
        // Someone sent this browser the return link of a login they started: exchanging it would
        // log this citizen in as them (login CSRF, issue 14 #5).
        throw refuse(403, 'identity_code_other_browser', 'this login was started in another browser; start it here');
      }
      if (redeemed.why === 'expired') {
        throw refuse(
          410,
          'identity_code_expired',
          `the one-time code is older than ${ttl.handoffTtlSeconds} seconds`,
        );
      }
      if (redeemed.why === 'used') {
        throw refuse(400, 'identity_code_used', 'the one-time code was already exchanged');
      }
      throw refuse(400, 'identity_code_unknown', 'no such one-time code');
    }
    const { login } = redeemed;
    const resume = redeemed.resume === undefined ? undefined : openResume(request.body.code, redeemed.resume);
    // A login always gets a new session id, and the one this browser had ends: no session chosen
    // before the login (a planted cookie) ever carries the identity.
    await endIdentitySessions(db, citizenSessionTokens(request).map(sha256Hex));
    const session = newSecret();
    await createIdentitySession(db, sha256Hex(session), login.id, {
      maxSeconds: sessions.citizenMaxSeconds,
      idleSeconds: sessions.citizenIdleSeconds,
    });
    reply.header('set-cookie', citizenSessionCookie(session, sessions.citizenMaxSeconds));
    return {
      session,
      expiresIn: sessions.citizenMaxSeconds,
      identity: {
        ...(login.name ? { name: login.name } : {}),
        levelOfAssurance: login.levelOfAssurance,
        provider: login.provider,
      },
      ...(resume ? { resume } : {}),
    };
  });
};

/**
 * The identity codes live in `protocol/identity.ts`; `ErrorCode` (protocol/errors.ts) is to
 * include them, and until it does this is the one place that says so.
 */
function refuse(status: number, code: ErrorCode, message: string): ApiError {
  return new ApiError(status, code, `${plugin}: ${message}`);
}

/**
 * Back to the municipal page with the outcome in the fragment: a fragment never reaches a server
 * (no Referer, no access log) and needs no cookie, so it survives blocked third-party cookies.
 */
function redirectBack(reply: FastifyReply, returnUrl: string, params: Record<string, string>) {
  const url = new URL(returnUrl);
  url.hash = new URLSearchParams(params).toString();
  return reply.header('referrer-policy', 'no-referrer').redirect(url.href, 303);
}
