import * as oidc from 'openid-client';
import type { LevelOfAssurance } from '../../protocol/index.js';
import { decryptionAlgorithm, decryptionCryptoKey, signingCryptoKey } from './client-keys.js';
import { digidAcrValues, levelOfAcr, type IdentityProviderOptions } from './identity-options.js';

/** How far an ID token's `iat` may lie ahead of our clock, for clock drift. */
const IAT_LEEWAY_SECONDS = 30;

/** What the authorization request needs remembered until the callback. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The checked ID token's facts, as far as the balie needs them. */
export interface VerifiedIdentity {
  nationalNumber: string;
  /** The level the provider vouched for; `undefined` when its `acr` is not one it may send. */
  levelOfAssurance: LevelOfAssurance | undefined;
  name?: string;
}

/**
 * Thrown when a callback must be refused. `reason` is safe to log: it names the failed check,
 * never a claim's value.
 */
export class IdentityRejected extends Error {
  constructor(readonly reason: string) {
    super(`balie-identity: ${reason}`);
    this.name = 'IdentityRejected';
  }
}

/**
 * One OpenID Connect provider seen from the balie: authorization code flow with PKCE (S256),
 * `state`, `nonce` and `acr_values`, scope `openid` only, per the NL GOV Assurance profile.
 * Discovery happens on first use and is retried after a failure.
 */
export class RelyingParty {
  readonly acrValues: Record<LevelOfAssurance, string>;
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(readonly options: IdentityProviderOptions) {
    this.acrValues = options.acrValues ?? digidAcrValues;
  }

  /**
   * Where to send the person, and the secrets to keep for the callback. Without a `level` no
   * `acr_values` are asked (an employee's login at the municipality's own provider).
   */
  async authorizationRequest(level: LevelOfAssurance | undefined): Promise<AuthorizationRequest> {
    const config = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      // `code` only: implicit and hybrid flows put tokens in the browser (NL GOV profile).
      response_type: 'code',
      // `openid` only: the balie needs the BSN, not a name or an e-mail (data minimisation).
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(level ? { acr_values: this.acrValues[level] } : {}),
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Redeems the authorization code from the callback's query and checks the ID token: signature,
   * `iss`, `aud`, `exp`, `nonce` (openid-client), and `iat` not in the future (here; openid-client
   * only bounds it in the past). The level is returned for the caller to compare.
   */
  async redeem(
    query: URLSearchParams,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<VerifiedIdentity> {
    const claims = await this.verifiedClaims(query, expected);
    const claim = this.options.nationalNumberClaim ?? 'bsn';
    const value = claims[claim];
    if (typeof value !== 'string' || value === '') {
      throw new IdentityRejected(`ID token has no "${claim}" claim`);
    }
    const pattern = this.options.nationalNumberPattern;
    const nationalNumber = pattern ? new RegExp(pattern).exec(value)?.[1] : value;
    if (!nationalNumber) {
      throw new IdentityRejected(`ID token "${claim}" claim does not fit the configured pattern`);
    }
    return {
      nationalNumber,
      levelOfAssurance: levelOfAcr(this.acrValues, claims.acr),
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    };
  }

  /**
   * The checked ID token's claims, for callers that read other claims than a citizen's (the
   * employee console reads `sub`, a role and a name). Same checks as {@link redeem}.
   */
  async verifiedClaims(
    query: URLSearchParams,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<oidc.IDToken> {
    const callbackUrl = new URL(this.options.redirectUri);
    callbackUrl.search = query.toString();
    let claims: oidc.IDToken | undefined;
    try {
      const config = await this.discover();
      const tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: this.options.redirectUri },
      );
      // openid-client decrypts a JWE when decryption is enabled but accepts a plain JWS as well;
      // the profile's point is that the BSN never travels readable, so a plain one is refused.
      if (this.options.decryptionKeys?.length && tokens.id_token?.split('.').length !== 5) {
        throw new IdentityRejected('the ID token arrived unencrypted, but this provider must encrypt it');
      }
      claims = tokens.claims();
    } catch (error) {
      if (error instanceof IdentityRejected) throw error;
      throw new IdentityRejected(describeFailure(error));
    }
    if (!claims) throw new IdentityRejected('the token response held no ID token');
    if (claims.iat > Math.floor(Date.now() / 1000) + IAT_LEEWAY_SECONDS) {
      throw new IdentityRejected('ID token "iat" (issued at) lies in the future');
    }
    return claims;
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= this.fetchConfiguration().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async fetchConfiguration(): Promise<oidc.Configuration> {
    const { issuer, clientId, decryptionKeys = [] } = this.options;
    const issuerUrl = new URL(issuer);
    // Plain HTTP only to a provider on this machine: the simulator in development and tests.
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuerUrl.hostname);
    const config = await oidc.discovery(
      issuerUrl,
      clientId,
      undefined,
      await this.clientAuthentication(),
      issuerUrl.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests] } : {},
    );
    // Verify the ID token's signature even though it came straight from the token endpoint over
    // TLS: the profile asks for it, and it is what makes a stored login provable afterwards.
    oidc.enableNonRepudiationChecks(config);
    if (decryptionKeys.length > 0) {
      const keys = await Promise.all(
        decryptionKeys.map(async (key) => ({
          key: await decryptionCryptoKey(key),
          kid: key.kid,
          alg: decryptionAlgorithm(key.privateKey),
        })),
      );
      // A256GCM only: the content encryption the profile names, nothing weaker accepted.
      oidc.enableDecryptingResponses(config, ['A256GCM'], ...keys);
    }
    return config;
  }

  /** `private_key_jwt` with the first signing key when there are any, else `client_secret_basic`. */
  private async clientAuthentication(): Promise<oidc.ClientAuth> {
    const { signingKeys = [], clientSecret, id } = this.options;
    const [current] = signingKeys;
    if (current) return oidc.PrivateKeyJwt({ key: await signingCryptoKey(current), kid: current.kid });
    if (clientSecret) return oidc.ClientSecretBasic(clientSecret);
    throw new Error(`balie-identity: provider "${id}" has neither a signing key nor a client secret`);
  }
}

/**
 * A log-safe description of why openid-client refused a response: the library's message, whose
 * wording names the claim ("unexpected JWT "aud" (audience) claim value") but never its value.
 * The error's `cause` holds the claims themselves, BSN included, so it is never passed on.
 */
function describeFailure(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) {
    return `the token endpoint refused the code: ${error.error}`;
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return `the provider answered with an error: ${error.error}`;
  }
  if (error instanceof oidc.ClientError) {
    const inner = error.cause instanceof Error ? error.cause.message : undefined;
    return inner && inner !== error.message ? `${error.message}: ${inner}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
