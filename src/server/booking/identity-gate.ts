import type { FastifyRequest } from 'fastify';
import type { Product } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { findCitizenLogin, isSameCitizen, useJoinSession } from '../identity/index.js';
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

/**
 * The verified identity (login id) a ticket joined from a manage link carries, or `null` for "not
 * verified". The link is no login (issue 14, #2): a booking made with DigiD lends its identity to
 * nobody. The identity comes from a session shown now (`token`, or its cookie) of the same person
 * as at booking (same provider and BSN). A product with a level refuses the join without one:
 * 401 `identity_required`, 403 `assurance_too_low`, 403 `identity_mismatch`; a product without
 * one joins unverified.
 */
export async function identityForJoin(
  db: Db,
  request: FastifyRequest,
  booking: { identityLoginId: string | null },
  product: Product,
  token: string | undefined,
  plugin: string,
): Promise<string | null> {
  const required = product.levelOfAssurance;
  if (!booking.identityLoginId) return null;
  const used = await useJoinSession(db, request, token);
  const same = !!used && (await isSameCitizen(db, used.login.id, booking.identityLoginId));
  if (!required) return same ? used!.login.id : null;
  if (!used) {
    throw new ApiError(401, 'identity_required', `${plugin}: this appointment was booked with a login; log in again to enter the waiting room (the manage link alone is no login)`);
  }
  if (!meetsLevel(used.login.levelOfAssurance, required)) {
    throw new ApiError(403, 'assurance_too_low', `${plugin}: product "${product.id}" needs level ${required}, the session has ${used.login.levelOfAssurance}`);
  }
  if (!same) {
    throw new ApiError(403, 'identity_mismatch', `${plugin}: the login is of another person than the one who booked this appointment`);
  }
  return used.login.id;
}
