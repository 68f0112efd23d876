import { constants, createCipheriv, createPublicKey, generateKeyPairSync, publicEncrypt, randomBytes, sign, type JsonWebKeyInput, type KeyObject } from 'node:crypto';

/**
 * The ways a test can ask the simulator to spoil its next ID token, one per check the relying
 * party must make. A real provider never does this; a compromised or confused one might, and
 * each check is only proven when a real token exchange carries the fault.
 */
export type IdTokenFault =
  | 'wrong-nonce'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'bad-signature'
  | 'expired'
  | 'issued-in-future'
  | 'lower-acr';

/** What re-signing needs: the provider's own key, and its `acr` values (lowest first). */
export interface TamperContext {
  signingKey: KeyObject;
  acrValues: string[];
}

const HOUR = 3600;

/**
 * Returns `idToken` with `fault` applied and signed again: with the provider's own key, so
 * only the spoiled claim is wrong — except for `bad-signature`, which signs with a stranger's key
 * under the provider's `kid`.
 */
export function tamperIdToken(
  idToken: string,
  fault: IdTokenFault,
  context: TamperContext,
): string {
  const [headerPart, payloadPart] = idToken.split('.');
  const header = JSON.parse(Buffer.from(headerPart!, 'base64url').toString()) as { alg: string };
  if (header.alg !== 'RS256')
    throw new Error(`digid-simulator: cannot re-sign a ${header.alg} token`);
  const claims = JSON.parse(Buffer.from(payloadPart!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const now = Math.floor(Date.now() / 1000);
  let key = context.signingKey;
  switch (fault) {
    case 'wrong-nonce':
      claims.nonce = 'a-nonce-from-another-login';
      break;
    case 'wrong-audience':
      claims.aud = 'another-relying-party';
      break;
    case 'wrong-issuer':
      claims.iss = 'https://evil.example/';
      break;
    case 'bad-signature':
      key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      break;
    case 'expired':
      claims.iat = now - 2 * HOUR;
      claims.exp = now - HOUR;
      break;
    case 'issued-in-future':
      claims.iat = now + HOUR;
      claims.exp = now + 2 * HOUR;
      break;
    case 'lower-acr':
      claims.acr = context.acrValues[0];
      break;
  }
  const signingInput = `${headerPart}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}

/**
 * `idToken` encrypted as the simulator encrypts for a client with an `enc` key: compact JWE,
 * RSA-OAEP-256 with A256GCM (RFC 7516). For a spoiled token only: oidc-provider encrypts every
 * other one itself, but encrypts before the spoiling could happen.
 */
export function encryptIdToken(idToken: string, jwk: JsonWebKeyInput['key'] & { kid?: string }): string {
  const header = Buffer.from(
    JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) }),
  ).toString('base64url');
  const contentKey = randomBytes(32);
  const encryptedKey = publicEncrypt(
    { key: createPublicKey({ key: jwk, format: 'jwk' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    contentKey,
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv);
  cipher.setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update(idToken), cipher.final()]);
  return [header, encryptedKey, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}
