import { literal, object, optional, text, type Infer } from './schema.js';
import { journeyResumeSchema, type JourneyResume } from './booking.js';

/**
 * Levels of assurance in the Dutch names (eIDAS low/substantial/high with DigiD's extra
 * "Midden"), lowest first. A provider's own `acr` values map onto these on the server.
 */
export const levelsOfAssurance = ['basis', 'midden', 'substantieel', 'hoog'] as const;
export type LevelOfAssurance = (typeof levelsOfAssurance)[number];

/** `POST /api/identity/start`: the widget asks where to send the citizen to prove who they are. */
export const startIdentityRequestSchema = object({
  /** Id of an identity provider in the server's options, e.g. `digid`. */
  provider: text({ max: 64 }),
  /** Id of the product; its required level of assurance becomes the `acr_values` asked for. */
  product: text({ max: 64 }),
  /** The page to come back to; must be on the server's allowlist. No fragment: the server adds one. */
  returnUrl: text({
    max: 2000,
    pattern: /^https?:\/\/[^#]*$/,
    expected: 'an http(s) URL without a fragment',
  }),
  /**
   * What the citizen filled in so far. The server keeps it with the login (never in the URL) and
   * hands it back on exchange, so the widget resumes at the same stage.
   */
  resume: optional(journeyResumeSchema),
  /**
   * The SHA-256 (hex) of a random secret the widget keeps until the exchange: the login is bound
   * to the browser that started it, so a return link sent to someone else logs nobody in (login
   * cross-site request forgery, issue 14 #5).
   */
  bindingHash: text({ max: 64, pattern: /^[0-9a-f]{64}$/, expected: 'a SHA-256 in hex' }),
});
export type StartIdentityRequest = Infer<typeof startIdentityRequestSchema>;

/** Answer to `POST /api/identity/start`: navigate the top-level page here. */
export interface StartIdentityResponse {
  authorizationUrl: string;
}

const oneTimeCode = () => text({ max: 100, pattern: /^[A-Za-z0-9_-]+$/, expected: 'a one-time code' });

/**
 * `POST /api/identity/exchange`: the one-time code the widget found in its page's URL fragment
 * (`#balie-code=…`) after the provider sent the citizen back, and the browser binding whose hash
 * it sent to `start`. A code with another binding (or none) is refused with 403
 * `identity_code_other_browser` and stays unused.
 */
export const exchangeIdentityCodeRequestSchema = object({
  code: oneTimeCode(),
  binding: text({ max: 100, pattern: /^[A-Za-z0-9_-]{32,100}$/, expected: 'the browser binding given at start' }),
});
export type ExchangeIdentityCodeRequest = Infer<typeof exchangeIdentityCodeRequestSchema>;

/** `POST /api/identity/resume`: the one-time code of a login that did not succeed. */
export const resumeAfterRefusalRequestSchema = object({ code: oneTimeCode() });

/**
 * What the browser may know about who the citizen is. Deliberately without the BSN (or any
 * national number): that stays on the server, behind the session.
 */
export interface IdentityView {
  /** Only when the provider gave one; DigiD with scope `openid` does not. */
  name?: string;
  levelOfAssurance: LevelOfAssurance;
  provider: string;
}

/**
 * Answer to `POST /api/identity/exchange`. The answer also sets the session as a partitioned
 * `HttpOnly` cookie; `session` is the same token, for a browser that keeps no such cookie: the
 * widget holds it in memory only and sends it as `Authorization: Bearer`. The session is bound to
 * the one booking or walk-in ticket it makes, ends after a while without use, after at most
 * `expiresIn` seconds, and at `DELETE /api/identity/session`.
 */
export interface ExchangeIdentityCodeResponse {
  session: string;
  /** Seconds until the session ends at the latest. */
  expiresIn: number;
  identity: IdentityView;
  /** The `resume` given to `start`, if any. */
  resume?: JourneyResume;
}

/**
 * Answer to `GET /api/identity/session`: whether the request's session cookie (or bearer) is a
 * live session that can still make its booking or ticket, and whose. Asking counts as using it.
 */
export type CitizenSessionResponse =
  | { identified: false }
  | {
      identified: true;
      identity: IdentityView;
      /** Seconds until the session ends unless it is used again. */
      expiresIn: number;
    };

/**
 * Why the citizen came back without an identity, in the return URL's fragment as
 * `#balie-error=…`. Each has its own text and way forward in the widget.
 */
export const identityReturnErrors = ['cancelled', 'provider_error', 'assurance_too_low'] as const;
export type IdentityReturnError = (typeof identityReturnErrors)[number];

/**
 * The fragment parameter names the widget reads after the redirect back. The server sends the
 * browser (303) to the return URL it was given, query intact, with exactly one of
 * `#balie-code=<43 base64url characters>` or `#balie-error=<IdentityReturnError>`. The widget
 * removes the fragment at once (`history.replaceState`), then exchanges the code within 60 s with
 * `POST /api/identity/exchange`; the code works once. An error comes with
 * `&balie-hervat=<43 base64url characters>` when the login had a `resume`: a one-time code for
 * `POST /api/identity/resume`, which gives back what the citizen filled in, so a cancelled login
 * costs them nothing but the login.
 */
export const IDENTITY_CODE_PARAM = 'balie-code';
export const IDENTITY_ERROR_PARAM = 'balie-error';
export const IDENTITY_RESUME_PARAM = 'balie-hervat';

/**
 * Answer to `POST /api/identity/resume` (body: {@link resumeAfterRefusalRequestSchema}): the `resume`
 * given to `start`, once, after a login that did not succeed. Carries no identity and no session.
 */
export interface ResumeAfterRefusalResponse {
  resume: JourneyResume;
}

/** Checks that `value` is one of the {@link levelsOfAssurance}. */
export const levelOfAssuranceSchema = literal(...levelsOfAssurance);
