import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh bearer secret or cookie value: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 as hex: what the store keeps instead of a secret. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Compares two strings in time independent of where they differ. Both sides are hashed first so
 * the lengths match and the length of the expected value does not leak either.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** An unguessable LiveKit room name: `balie-` and 128 random bits. */
export function newRoomName(): string {
  return `balie-${randomBytes(16).toString('hex')}`;
}

// Secrets from newSecret() are 32 bytes in base64url: 43 characters. Anything else cannot be one
// and is not worth a query. The scheme is case-insensitive (RFC 9110 §11.1).
const bearerSecret = /^bearer ([A-Za-z0-9_-]{43})$/i;

/** The secret in an `Authorization: Bearer <secret>` header, or undefined when there is none. */
export function readBearerSecret(header: string | undefined): string | undefined {
  return header ? bearerSecret.exec(header)?.[1] : undefined;
}
