import { createHash, createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';

type JsonWebKey = webcrypto.JsonWebKey & { kid?: string };

/**
 * One of the balie's own private keys at a provider: for signing its `private_key_jwt` client
 * assertions, or for decrypting the ID tokens the provider encrypts to it.
 */
export interface ClientKey {
  /** The key's id: the JWK's own `kid`, else its RFC 7638 thumbprint. */
  kid: string;
  privateKey: KeyObject;
}

/** A public key as published in the balie's JWKS for a broker to register. */
export type PublicJwk = JsonWebKey & { kid: string; use: 'sig' | 'enc'; alg: string };

/**
 * The private keys in a key file: PEM (one or more `PRIVATE KEY` blocks), a JWK, or a JWKS
 * (`{ "keys": [...] }`). Several keys are for rotation: the first signs, all are published and all
 * decrypt. Throws an Error naming the problem, never the key.
 */
export function parseClientKeys(text: string): ClientKey[] {
  const trimmed = text.trim();
  let keys: ClientKey[];
  if (trimmed.startsWith('{')) {
    let json: JsonWebKey & { keys?: JsonWebKey[] };
    try {
      json = JSON.parse(trimmed) as typeof json;
    } catch {
      // Not the parser's message: it quotes the text around the fault, which is key material.
      throw new Error('is not valid JSON (expected a JWK or a JWKS)');
    }
    keys = (json.keys ?? [json]).map((jwk) => ({
      kid: typeof jwk.kid === 'string' ? jwk.kid : thumbprint(createPublicKey({ key: jwk, format: 'jwk' })),
      privateKey: createPrivateKey({ key: jwk, format: 'jwk' }),
    }));
  } else {
    const blocks = trimmed.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
    keys = blocks.map((pem) => {
      const privateKey = createPrivateKey(pem);
      return { kid: thumbprint(createPublicKey(privateKey)), privateKey };
    });
  }
  if (keys.length === 0) throw new Error('holds no private key (expected PEM, a JWK or a JWKS)');
  for (const key of keys) signingAlgorithm(key.privateKey); // refuses a key type we cannot use
  return keys;
}

/** The JWS algorithm a key signs client assertions with: RS256 for RSA, ES256 for P-256. */
export function signingAlgorithm(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error(`holds a ${key.asymmetricKeyType} key; use RSA (2048 bits or more) or EC P-256`);
}

/** The JWE key management algorithm a key decrypts with: RSA-OAEP-256 for RSA, ECDH-ES for P-256. */
export function decryptionAlgorithm(key: KeyObject): 'RSA-OAEP-256' | 'ECDH-ES' {
  return signingAlgorithm(key) === 'RS256' ? 'RSA-OAEP-256' : 'ECDH-ES';
}

/** The public half of `key` as a JWK, with only the public members (never `d`, `p`, `q`, …). */
export function publicJwk(key: ClientKey, use: 'sig' | 'enc'): PublicJwk {
  const { kty, n, e, crv, x, y } = createPublicKey(key.privateKey).export({ format: 'jwk' });
  const members = Object.fromEntries(
    Object.entries({ kty, n, e, crv, x, y }).filter(([, value]) => value !== undefined),
  );
  const alg = use === 'sig' ? signingAlgorithm(key.privateKey) : decryptionAlgorithm(key.privateKey);
  return { ...members, kid: key.kid, use, alg };
}

/** `key` as a WebCrypto key for openid-client's `PrivateKeyJwt`. */
export function signingCryptoKey(key: ClientKey): Promise<CryptoKey> {
  const algorithm =
    signingAlgorithm(key.privateKey) === 'RS256'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return importPrivate(key, algorithm, ['sign']);
}

/** `key` as a WebCrypto key for openid-client's `enableDecryptingResponses`. */
export function decryptionCryptoKey(key: ClientKey): Promise<CryptoKey> {
  return decryptionAlgorithm(key.privateKey) === 'RSA-OAEP-256'
    ? importPrivate(key, { name: 'RSA-OAEP', hash: 'SHA-256' }, ['decrypt', 'unwrapKey'])
    : importPrivate(key, { name: 'ECDH', namedCurve: 'P-256' }, ['deriveBits']);
}

function importPrivate(
  key: ClientKey,
  algorithm: RsaHashedImportParams | EcKeyImportParams,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const jwk = key.privateKey.export({ format: 'jwk' });
  // A JWK's own `alg`/`use` would make WebCrypto refuse the other use; the algorithm is given here.
  return webcrypto.subtle.importKey('jwk', { ...jwk, alg: undefined, use: undefined }, algorithm, false, usages) as Promise<CryptoKey>;
}

/** RFC 7638: SHA-256 over the required public members, in lexicographic order. */
function thumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const required =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}
