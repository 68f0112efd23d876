import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { readBearerSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { findBookingByManageHash, type BookingRecord } from './booking-store.js';

/**
 * The booking whose manage secret the request carries (`Authorization: Bearer <secret>`), with
 * the secret: 401 without one, 404 for an unknown one, 410 once retention emptied the booking.
 */
export async function authenticateBooking(db: Db, request: FastifyRequest, plugin: string): Promise<{ booking: BookingRecord; secret: string }> {
  const secret = readBearerSecret(request.headers.authorization);
  if (!secret) {
    throw new ApiError(401, 'unauthorized', `${plugin}: send the manage secret as "Authorization: Bearer <43-character secret>"`);
  }
  const booking = await findBookingByManageHash(db, sha256Hex(secret));
  if (!booking) throw new ApiError(404, 'booking_unknown', `${plugin}: no appointment has this manage secret`);
  if (booking.detailsPurged) {
    throw new ApiError(410, 'booking_purged', `${plugin}: this appointment is over and its details were deleted (retention)`);
  }
  return { booking, secret };
}
