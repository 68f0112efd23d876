import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  type BalieConfig,
  type CreateBookingResponse,
  type OpeningHours,
  type Product,
  type QueueStatusResponse,
  type SlotsResponse,
  type SlotTakenBody,
} from '../../protocol/index.js';
import { createBookingRoute, queueStatusRoute, slotsRoute } from '../../protocol/routes/bookings.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import { sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import type { BookingMail } from '../mail/index.js';
import type { AppointmentBackends } from '../appointments/index.js';
import type { SecretSeal } from '../reminders/secret-seal.js';
import { allowedPageUrl, appointmentHours, bookingFee, findProduct, nextFreeSlots, toBookingView } from './booking-rules.js';
import { findBookingByIdempotencyKey, type NewBooking } from './booking-store.js';
import { identityForProduct } from './identity-gate.js';
import { idempotencyKeyHash, requestHash, type ManageSecretFor } from './manage-secret.js';
import { bookableDates, bookableSlot, DEFAULT_DAYS_AHEAD, DEFAULT_DURATION_MINUTES, walkInStatus } from './slots.js';

/** Options of {@link bookingRoutes}. */
export interface BookingRoutesOptions {
  db: Db;
  config: BalieConfig;
  /** Origins of the citizen API; the manage link's page must be on one when there is no identity allowlist. */
  allowedOrigins: string[];
  /** Pages the manage link may point at: `config.identity.returnUrls` and the server's own list. */
  returnUrls: string[];
  mail?: BookingMail;
  /** Each product's appointment backend: the built-in store or a calendar coupling. */
  appointments: AppointmentBackends;
  /** The manage secret of a booking, from its `Idempotency-Key`'s hash: see `manageSecrets`. */
  manageSecretFor: ManageSecretFor;
  /** Seals the manage secret for the reminders; without it, reminders carry no manage link. */
  seal?: SecretSeal;
  /** Milliseconds since the epoch; `Date.now` unless a test needs another clock. */
  now: () => number;
  /**
   * Set when this server takes payments (a provider and the config's `payments`): a product paid
   * at booking is then held this many minutes while the citizen pays. Without it such a product
   * cannot be booked (409 `payments_off`).
   */
  holdMinutes?: number;
}

const plugin = 'balie-bookings';
const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const idempotencyKey = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * Slots, booking, and whether "join now" is open. The product's appointment backend decides what
 * is free and who gets a slot (the built-in store: an INSERT that the unique index
 * `booking_slot_taken` lets through for one desk or not at all; a calendar: see caldav-backend.ts).
 */
export const bookingRoutes: FastifyPluginAsync<BookingRoutesOptions> = async (app, options) => {
  const { db, config } = options;
  const route = routesFor(app, plugin);

  route(slotsRoute, async (request): Promise<SlotsResponse> => {
    const query = request.query;
    const product = findProduct(config, requireParam(query.product, 'product'), plugin);
    const hours = appointmentHours(config, product, plugin);
    const daysAhead = hours.daysAhead ?? DEFAULT_DAYS_AHEAD;
    if (query.from !== undefined && !isoDate.test(query.from)) {
      throw new ApiError(400, 'bad_request', `${plugin}: "from" must be a date like 2026-12-01, got "${query.from.slice(0, 40)}"`);
    }
    const days = query.days === undefined ? daysAhead : Number(query.days);
    if (!Number.isInteger(days) || days < 1 || days > daysAhead) {
      throw new ApiError(400, 'bad_request', `${plugin}: "days" must be a whole number from 1 to ${daysAhead}`);
    }
    const now = options.now();
    const { first, last } = bookableDates(hours, now);
    if (query.from && query.from > last) {
      throw new ApiError(400, 'bad_request', `${plugin}: "from" lies past the last bookable day ${last}`);
    }
    const from = query.from && query.from > first ? query.from : first;
    return {
      product: product.id,
      timeZone: hours.timeZone,
      days: await options.appointments.forProduct(product).freeSlots({ product, hours }, now, { from, days }),
    };
  });

  route(queueStatusRoute, async (request): Promise<QueueStatusResponse> => {
    const query = request.query as Record<string, string | undefined>;
    const product = findProduct(config, requireParam(query.product, 'product'), plugin);
    return { product: product.id, ...walkInStatus(config.openingHours, options.now()) };
  });

  route(createBookingRoute, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !idempotencyKey.test(key)) {
      throw new ApiError(400, 'bad_request', `${plugin}: send an "Idempotency-Key" header of 16 to 100 characters A-Z, a-z, 0-9, _ or -`);
    }
    const body = request.body;
    const keyHash = idempotencyKeyHash(key);
    const bodyHash = requestHash(body);
    // A retry is answered from the booking its key made. The built-in store looks for it only
    // when this request cannot book (its checks refuse it, or the INSERT meets the key's unique
    // index), so a first request costs no look-up; a calendar backend looks first, so a retry
    // never writes a second event.
    const orReplay = async <T>(work: () => T | Promise<T>): Promise<T | FastifyReply> => {
      try {
        return await work();
      } catch (error) {
        const replayed = await replay(reply, keyHash, bodyHash);
        if (replayed) return replayed;
        throw error;
      }
    };
    const chosen = await orReplay(() => {
      const product = findProduct(config, body.product, plugin);
      return { product, hours: appointmentHours(config, product, plugin), backend: options.appointments.forProduct(product) };
    });
    if (!('product' in chosen)) return chosen;
    const { product, hours, backend } = chosen;
    if (backend.id !== 'builtin') {
      const replayed = await replay(reply, keyHash, bodyHash);
      if (replayed) return replayed;
    }

    const now = options.now();
    const prepared = await orReplay(async () => {
      const slot = bookableSlot(hours, product.durationMinutes, Date.parse(body.start), now);
      if (!slot) throw slotUnavailable(body.start, hours, product);
      const pageUrl = allowedPageUrl(body.pageUrl, options.returnUrls, options.allowedOrigins);
      if (!pageUrl) {
        throw new ApiError(400, 'page_url_not_allowed', `${plugin}: pageUrl ${JSON.stringify(body.pageUrl.slice(0, 200))} is not on the allowlist, or has a backslash or user name in it`);
      }
      const holdUntil = product.payAtBooking ? new Date(now + holdMinutesFor(product) * 60_000) : undefined;
      const identityLoginId = await identityForProduct(db, request, product, plugin, keyHash);
      return { slot, pageUrl, holdUntil, identityLoginId };
    });
    if (!('slot' in prepared)) return prepared;
    const { slot, pageUrl, holdUntil, identityLoginId } = prepared;
    const manageSecret = options.manageSecretFor(keyHash);
    const booking: NewBooking = {
      product: product.id,
      start: new Date(slot.start),
      end: new Date(slot.end),
      manageHash: sha256Hex(manageSecret),
      idempotencyKey: keyHash,
      requestHash: bodyHash,
      name: body.details.name,
      email: body.details.email,
      phone: body.details.phone,
      lang: body.lang ?? 'nl',
      pageUrl,
      identityLoginId,
      ...(options.seal ? { reminderSecret: options.seal.seal(manageSecret) } : {}),
      ...(holdUntil ? { holdUntil } : {}),
    };
    const made = await backend.book({ product, hours }, booking);
    if (made && made !== 'taken') {
      // A booking paid at booking is confirmed, and mailed, once the provider says paid.
      if (made.state === 'booked') await options.mail?.confirmed(made, manageSecret);
      const answer: CreateBookingResponse = { booking: toBookingView(made, config), manageSecret };
      return reply.code(201).send(answer);
    }
    // Nothing booked: every desk is taken, or a twin request with the same key won meanwhile.
    if (made === undefined) {
      const twin = await replay(reply, keyHash, bodyHash);
      if (twin) return twin;
    }
    return sendSlotTaken(reply, body.start, await nextFreeSlots(backend, { product, hours }, now, Date.parse(slot.start)));
  });

  function holdMinutesFor(product: Product): number {
    if (options.holdMinutes === undefined || !bookingFee(product)) {
      throw new ApiError(409, 'payments_off', `${plugin}: product "${product.id}" is paid at booking, but this server takes no payments (no payment provider)`);
    }
    if (options.appointments.forProduct(product).id !== 'builtin') {
      throw new ApiError(409, 'payments_off', `${plugin}: product "${product.id}" is paid at booking, which needs the built-in appointment store, not a calendar`);
    }
    return options.holdMinutes;
  }

  /** The answer to a request whose `Idempotency-Key` was used before, if it was. */
  async function replay(reply: FastifyReply, keyHash: string, bodyHash: string) {
    const earlier = await findBookingByIdempotencyKey(db, keyHash);
    if (!earlier) return undefined;
    if (earlier.requestHash !== bodyHash) {
      throw new ApiError(422, 'idempotency_conflict', `${plugin}: this Idempotency-Key was used before with another request body`);
    }
    // Its twin is still writing the calendar event (or failing to): not booked until it is.
    if (earlier.booking.backend && !earlier.booking.eventUrl) {
      throw new ApiError(503, 'calendar_unavailable', `${plugin}: this booking is still being written to the calendar; send the same request again in a moment`);
    }
    const manageSecret = options.manageSecretFor(keyHash);
    // The first request may have booked and then lost the store before its confirmation was
    // queued: the retry queues it (the outbox keeps one per booking, so never a second mail).
    if (earlier.booking.state === 'booked') await options.mail?.confirmed(earlier.booking, manageSecret);
    const answer: CreateBookingResponse = { booking: toBookingView(earlier.booking, config), manageSecret };
    return reply.code(200).send(answer);
  }
};

function requireParam(value: string | undefined, name: string): string {
  if (!value || value.length > 64) {
    throw new ApiError(400, 'bad_request', `${plugin}: the query needs "${name}" (at most 64 characters)`);
  }
  return value;
}

/** 422 `slot_unavailable`: not a slot this product offers now, with the reason a web team needs. */
export function slotUnavailable(start: string, hours: OpeningHours, product: Product): ApiError {
  const minutes = product.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  return new ApiError(
    422,
    'slot_unavailable',
    `${plugin}: ${start} is not a free slot of "${product.id}": slots are ${minutes} minutes within the opening hours ` +
      `(${hours.timeZone}), not on holidays, not in the past and at most ${hours.daysAhead ?? DEFAULT_DAYS_AHEAD} days ahead`,
  );
}

/** 409 `slot_taken` with the next free slots, so the citizen can pick again at once. */
export function sendSlotTaken(reply: FastifyReply, start: string, nextFree: SlotTakenBody['nextFree']) {
  const body: SlotTakenBody = {
    error: { code: 'slot_taken', message: `${plugin}: the slot at ${start} was booked a moment ago` },
    nextFree,
  };
  return reply.code(409).send(body);
}
