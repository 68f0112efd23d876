import { createHmac, hkdfSync } from 'node:crypto';
import { sha256Hex } from '../http/secrets.js';

/** The manage secret of the booking an `Idempotency-Key` made, from the key's stored hash. */
export type ManageSecretFor = (idempotencyKeyHash: string) => string;

/**
 * Manage secrets as HMAC-SHA256 of the `Idempotency-Key`'s hash, keyed with a key derived (HKDF)
 * from a secret only the server holds. Derived rather than random so that a retried request (the
 * answer to the first was lost) gets the same secret back; keyed so that the key alone, however
 * weak a client made it, computes nothing offline (issue 14, #6), and a copy of the store (which
 * holds the key's hash) opens no appointment. Rotating the server secret changes the secret a
 * retry would get, so rotate between bookings' retries, not during them.
 */
export function manageSecrets(serverSecret: string): ManageSecretFor {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'digitale-balie', 'booking-manage-secret', 32));
  return (idempotencyKeyHash) => createHmac('sha256', key).update(idempotencyKeyHash).digest('base64url');
}

/** What the store keeps of an `Idempotency-Key`. */
export function idempotencyKeyHash(idempotencyKey: string): string {
  return sha256Hex(`idempotency:${idempotencyKey}`);
}

/** A stable hash of a JSON value: the same body with its keys in another order hashes the same. */
export function requestHash(value: unknown): string {
  return sha256Hex(JSON.stringify(sorted(value)));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
