import { levelsOfAssurance, type LevelOfAssurance } from '../../protocol/index.js';
import { publicJwk, type ClientKey, type PublicJwk } from './client-keys.js';

/** One OpenID Connect provider (DigiD through a broker, or another country's equivalent). */
export interface IdentityProviderOptions {
  /** Used on the wire (`provider` in `POST /api/identity/start`), e.g. `digid`. */
  id: string;
  /** The issuer identifier; its discovery document is fetched on first use. */
  issuer: string;
  clientId: string;
  /** For `client_secret_basic`; ignored when {@link signingKeys} are given. */
  clientSecret?: string;
  /**
   * For `private_key_jwt` (NL GOV Assurance profile): the first key signs the client assertion;
   * all are published in the balie's JWKS, so a key can be rotated in before it signs.
   */
  signingKeys?: ClientKey[];
  /**
   * The provider encrypts its ID tokens to these keys (JWE, content encryption A256GCM); an ID
   * token that arrives unencrypted is refused. All are published in the JWKS and all decrypt.
   */
  decryptionKeys?: ClientKey[];
  /** This server's `/api/identity/callback` as registered at the provider. */
  redirectUri: string;
  /**
   * The provider's `acr` value for each level of assurance. Default: DigiD's, in the eToegang
   * naming of the NL GOV Assurance profile.
   */
  acrValues?: Record<LevelOfAssurance, string>;
  /** The ID token claim that carries the national number. Default `bsn`. */
  nationalNumberClaim?: string;
  /**
   * A regular expression with one capture group that takes the national number out of the claim's
   * value, e.g. `^s00000000:(\d{9})$` for a broker's `sub`. Default: the whole value.
   */
  nationalNumberPattern?: string;
}

/** `identity` in the server's options; without it the identity routes are not registered. */
export interface IdentityOptions {
  providers: IdentityProviderOptions[];
  /**
   * Pages a citizen may be sent back to: an entry matches a return URL with the same origin and
   * the same path, or any path below it when the entry ends in `/`. Query strings are allowed.
   */
  returnUrlAllowlist: string[];
  /** The level each product needs, by product id. Default for a product not listed: substantieel. */
  productLevels?: Record<string, LevelOfAssurance>;
  /** Lifetime of the one-time code in the return URL's fragment. Default 60 seconds. */
  handoffTtlSeconds?: number;
  /** How long a citizen may take at the provider. Default 10 minutes. */
  flowTtlSeconds?: number;
}

/**
 * The public keys a broker registers for this balie: every provider's signing and decryption keys,
 * each once. Empty when every provider uses `client_secret_basic` without encryption.
 */
export function publishedJwks(identity: IdentityOptions): { keys: PublicJwk[] } {
  const keys = new Map<string, PublicJwk>();
  for (const provider of identity.providers) {
    for (const key of provider.signingKeys ?? []) keys.set(`sig ${key.kid}`, publicJwk(key, 'sig'));
    for (const key of provider.decryptionKeys ?? []) keys.set(`enc ${key.kid}`, publicJwk(key, 'enc'));
  }
  return { keys: [...keys.values()] };
}

/** DigiD's `acr` values as brokers send them under the NL GOV Assurance profile. */
export const digidAcrValues: Record<LevelOfAssurance, string> = {
  basis: 'urn:etoegang:core:assurance-class:loa2',
  midden: 'urn:etoegang:core:assurance-class:loa2plus',
  substantieel: 'urn:etoegang:core:assurance-class:loa3',
  hoog: 'urn:etoegang:core:assurance-class:loa4',
};

/** The level an `acr` value stands for at this provider, or `undefined` for a value it never uses. */
export function levelOfAcr(
  acrValues: Record<LevelOfAssurance, string>,
  acr: unknown,
): LevelOfAssurance | undefined {
  return levelsOfAssurance.find((level) => acrValues[level] === acr);
}

/** Whether `given` is at least `required`. */
export function meetsLevel(given: LevelOfAssurance, required: LevelOfAssurance): boolean {
  return levelsOfAssurance.indexOf(given) >= levelsOfAssurance.indexOf(required);
}

/**
 * Whether `returnUrl` is on the allowlist (see {@link IdentityOptions.returnUrlAllowlist}).
 * Compared as parsed URLs, so `https://gemeente.nl.evil.example` or `https://gemeente.nl@evil`
 * never pass for `https://gemeente.nl/`.
 */
export function isAllowedReturnUrl(returnUrl: string, allowlist: string[]): boolean {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return false; // not a URL at all: simply not allowed
  }
  if (url.username || url.password || url.hash) return false;
  return allowlist.some((entry) => {
    const allowed = new URL(entry);
    if (allowed.origin !== url.origin) return false;
    return allowed.pathname.endsWith('/')
      ? url.pathname.startsWith(allowed.pathname)
      : url.pathname === allowed.pathname;
  });
}
