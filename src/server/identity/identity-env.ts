import { readFileSync } from 'node:fs';
import type { BalieConfig, OidcProviderConfig } from '../../protocol/index.js';
import { EnvError } from '../env-error.js';
import { decryptionAlgorithm, parseClientKeys, type ClientKey } from './client-keys.js';
import type { IdentityOptions, IdentityProviderOptions } from './identity-options.js';

/** The secret settings of one provider, each an environment variable named by {@link oidcEnvName}. */
export type OidcSecretSetting = 'CLIENT_SECRET' | 'PRIVATE_KEY_FILE' | 'DECRYPTION_KEY_FILE';

/** `('digid', 'CLIENT_SECRET')` → `BALIE_OIDC_DIGID_CLIENT_SECRET`; dashes in an id become `_`. */
export function oidcEnvName(providerId: string, setting: OidcSecretSetting): string {
  return `BALIE_OIDC_${providerId.toUpperCase().replace(/-/g, '_')}_${setting}`;
}

/**
 * The balie server's `identity` option, from the config's `identity.providers[].oidc` (the public
 * half of each registration) and the environment (its secrets):
 *
 * - `BALIE_OIDC_<ID>_CLIENT_SECRET` for `client_secret_basic`;
 * - `BALIE_OIDC_<ID>_PRIVATE_KEY_FILE` for `private_key_jwt`: PEM, a JWK or a JWKS; with several
 *   keys (a rotation) the first signs and all are published at `/api/identity/jwks.json`;
 * - `BALIE_OIDC_<ID>_DECRYPTION_KEY_FILE` when the config asks for `idTokenEncryption`.
 *
 * Keys come from files, not from the environment itself: a variable's value shows in process
 * listings and crash reports, a file can be readable by the server alone. `undefined` when the
 * config has no identity providers. A missing setting throws an {@link EnvError} naming it.
 */
export function readIdentityEnv(
  config: BalieConfig,
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): IdentityOptions | undefined {
  if (!config.identity) return undefined;
  const registrations = config.identity.providers.map(({ id, oidc }) => {
    if (!oidc) {
      throw new EnvError(
        `balie-server: the config's identity provider "${id}" has no "oidc" section (issuer, clientId, clientAuthentication, redirectUri)`,
      );
    }
    return { id, oidc };
  });
  const missing = registrations.flatMap(({ id, oidc }) =>
    requiredSettings(oidc).map((setting) => oidcEnvName(id, setting)).filter((name) => !env[name]),
  );
  if (missing.length > 0) throw new EnvError(`balie-server: set ${missing.join(', ')}`);
  return {
    providers: registrations.map(({ id, oidc }) => providerOptions(id, oidc, env, readFile)),
    // The config's `identity.returnUrls` are the allowlist; the identity routes read them there.
    returnUrlAllowlist: [],
  };
}

function requiredSettings(oidc: OidcProviderConfig): OidcSecretSetting[] {
  return [
    oidc.clientAuthentication === 'private_key_jwt' ? 'PRIVATE_KEY_FILE' : 'CLIENT_SECRET',
    ...(oidc.idTokenEncryption ? (['DECRYPTION_KEY_FILE'] as const) : []),
  ];
}

function providerOptions(
  id: string,
  oidc: OidcProviderConfig,
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string,
): IdentityProviderOptions {
  const keys = (setting: OidcSecretSetting) => readKeys(oidcEnvName(id, setting), env, readFile);
  const decryptionVariable = oidcEnvName(id, 'DECRYPTION_KEY_FILE');
  if (env[decryptionVariable] && !oidc.idTokenEncryption) {
    throw new EnvError(
      `balie-server: ${decryptionVariable} is set, but the config's provider "${id}" has no oidc.idTokenEncryption`,
    );
  }
  const decryptionKeys = oidc.idTokenEncryption ? keys('DECRYPTION_KEY_FILE') : undefined;
  const mismatch = decryptionKeys?.find((key) => decryptionAlgorithm(key.privateKey) !== oidc.idTokenEncryption!.alg);
  if (mismatch) {
    throw new EnvError(
      `balie-server: ${decryptionVariable} holds a key that cannot decrypt ${oidc.idTokenEncryption!.alg} (RSA-OAEP-256 needs RSA, ECDH-ES needs EC P-256)`,
    );
  }
  const pattern = oidc.nationalNumber?.pattern;
  if (pattern !== undefined) checkPattern(id, pattern);
  return {
    id,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    redirectUri: oidc.redirectUri,
    ...(oidc.clientAuthentication === 'private_key_jwt'
      ? { signingKeys: keys('PRIVATE_KEY_FILE') }
      : { clientSecret: env[oidcEnvName(id, 'CLIENT_SECRET')]! }),
    ...(decryptionKeys ? { decryptionKeys } : {}),
    ...(oidc.acrValues ? { acrValues: oidc.acrValues } : {}),
    ...(oidc.nationalNumber ? { nationalNumberClaim: oidc.nationalNumber.claim } : {}),
    ...(pattern !== undefined ? { nationalNumberPattern: pattern } : {}),
  };
}

function readKeys(variable: string, env: NodeJS.ProcessEnv, readFile: (file: string) => string): ClientKey[] {
  const file = env[variable]!;
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    throw new EnvError(`balie-server: cannot read ${variable} ${file}: ${(error as Error).message}`);
  }
  try {
    return parseClientKeys(text);
  } catch (error) {
    // The parser's message names the problem, never the key's bytes.
    throw new EnvError(`balie-server: ${variable} ${file} ${(error as Error).message}`);
  }
}

/** The national number pattern must compile and have exactly one capture group. */
function checkPattern(id: string, pattern: string): void {
  let groups: number;
  try {
    groups = new RegExp(`${pattern}|`).exec('')!.length - 1;
  } catch (error) {
    throw new EnvError(`balie-server: provider "${id}" oidc.nationalNumber.pattern is not a regular expression: ${(error as Error).message}`);
  }
  if (groups !== 1) {
    throw new EnvError(`balie-server: provider "${id}" oidc.nationalNumber.pattern needs exactly one capture group, has ${groups}`);
  }
}
