import type { FastifyRequest } from 'fastify';
import type { Product } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { findCitizenLogin } from '../identity/index.js';
import { meetsLevel } from '../identity/identity-options.js';
import type { Db } from '../store/index.js';

/**
 * The verified identity (its login id) behind the request's identity session (its cookie, or
 * `Authorization: Bearer <identity session>`), checked against the product's `levelOfAssurance`. A product with a level refuses a
 * request without a live session (401 `identity_required`) or with a lower one (403
 * `assurance_too_low`); a product without one takes the identity when a live session comes along
 * and ignores a stale one, so an old session never blocks a citizen who needs none.
 * `bookingKey` is the hash of the `Idempotency-Key` of the booking being made, which the session
 * may make again (a retry); only the booking route passes it. Read from the request instead, a
 * walk-in ticket sent with the booking's key was that booking's retry, and a second use of the
 * session (issue 14, #12).
 */
export async function identityForProduct(
  db: Db,
  request: FastifyRequest,
  product: Product,
  plugin: string,
  bookingKey?: string,
): Promise<string | undefined> {
  const required = product.levelOfAssurance;
  const login = await findCitizenLogin(db, request, { bookingKey, required: !!required });
  if (!required) return login?.id;
  if (!login) {
    const why = request.headers.authorization
      ? 'the identity session in "Authorization: Bearer" is unknown or has ended'
      : 'send the identity session from /api/identity/exchange as "Authorization: Bearer <session>"';
    throw new ApiError(401, 'identity_required', `${plugin}: product "${product.id}" needs a login; ${why}`);
  }
  if (!meetsLevel(login.levelOfAssurance, required)) {
    throw new ApiError(
      403,
      'assurance_too_low',
      `${plugin}: product "${product.id}" needs level ${required}, the session has ${login.levelOfAssurance}`,
    );
  }
  return login.id;
}
