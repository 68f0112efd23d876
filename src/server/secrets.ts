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
