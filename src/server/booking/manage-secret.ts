import { createHmac } from 'node:crypto';
import { sha256Hex } from '../http/secrets.js';

/**
 * The manage secret of the booking an `Idempotency-Key` made: HMAC-SHA256 keyed with the key.
 * Derived rather than random so that a retried request (the answer to the first was lost) gets
 * the same secret back, while the store keeps only hashes of both the key and the secret: a copy
 * of the table recovers neither. The key is the client's 16+ random characters; it is as secret as
 * the booking it makes.
 */
export function manageSecretFor(idempotencyKey: string): string {
  return createHmac('sha256', idempotencyKey).update('balie-afspraak').digest('base64url');
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
