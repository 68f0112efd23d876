import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  type BalieConfig,
  type BookingResponse,
  type CreateTicketResponse,
} from '../../protocol/index.js';
import {
  bookingCalendarRoute,
  cancelBookingRoute,
  currentBookingRoute,
  joinBookingRoute,
  moveBookingRoute,
} from '../../protocol/routes/bookings.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import { recordAudit } from '../audit/audit.js';
import type { BookingMail } from '../mail/index.js';
import { bookingCalendar } from '../mail/calendar.js';
import { newSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { toTicketView } from '../tickets/views.js';
import type { AppointmentBackends } from '../appointments/index.js';
import { cancelPendingReminders } from '../reminders/reminder-store.js';
import { appointmentHours, findProduct, nextFreeSlots, toBookingView } from './booking-rules.js';
import { authenticateBooking } from './booking-auth.js';
import { findBookingById, type BookingRecord } from './booking-store.js';
import { sendSlotTaken, slotUnavailable } from './booking-routes.js';
import { bookableSlot } from './slots.js';
import { identityForJoin } from './identity-gate.js';

/** Options of {@link manageRoutes}. */
export interface ManageRoutesOptions {
  db: Db;
  config: BalieConfig;
  /** Puts the citizen in the queue at the appointment's time; see {@link TicketService}. */
  tickets: TicketService;
  ticketTtlSeconds: number;
  mail?: BookingMail;
  /** Each product's appointment backend; a booking is cancelled and moved where it was made. */
  appointments: AppointmentBackends;
  now: () => number;
}

const plugin = 'balie-bookings';

/**
 * The citizen's own appointment, opened with the manage secret from the booking's answer or the
 * mail's link (`Authorization: Bearer <secret>`): view, cancel, move, calendar file, and at the
 * time, the waiting room.
 */
export const manageRoutes: FastifyPluginAsync<ManageRoutesOptions> = async (app, options) => {
  const { db, config } = options;
  const route = routesFor(app, plugin);

  const current = (request: FastifyRequest) => authenticateBooking(db, request, plugin);

  /** Booked, and not started: what may be moved (or, `held` too, cancelled). */
  function requireBooked(booking: BookingRecord, held: 'or-held' | 'only-booked' = 'only-booked'): void {
    if (booking.state === 'cancelled') {
      throw new ApiError(409, 'booking_cancelled', `${plugin}: the appointment was cancelled`);
    }
    if (booking.state === 'awaiting-payment' && held === 'only-booked') {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the appointment is not paid yet; it can be moved once it is`);
    }
    if (!['booked', ...(held === 'or-held' ? ['awaiting-payment'] : [])].includes(booking.state) || booking.ticketId !== null) {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the appointment has started (${booking.state}); it can no longer be changed`);
    }
  }

  route(currentBookingRoute, async (request): Promise<BookingResponse> => {
    const { booking } = await current(request);
    return { booking: toBookingView(booking, config) };
  });

  route(cancelBookingRoute, async (request): Promise<BookingResponse> => {
    const { booking } = await current(request);
    requireBooked(booking, 'or-held');
    if (!(await options.appointments.forBooking(booking).cancel(booking))) {
      requireBooked((await findBookingById(db, booking.id))!, 'or-held');
    }
    await cancelPendingReminders(db, booking.id);
    await recordAudit(db, { actor: 'citizen', action: 'booking.cancelled', subject: `booking:${booking.id}`, requestId: request.id });
    const cancelled = (await findBookingById(db, booking.id))!;
    await options.mail?.cancelled(cancelled, request.log);
    return { booking: toBookingView(cancelled, config) };
  });

  route(moveBookingRoute, async (request, reply) => {
    const { booking, secret } = await current(request);
    requireBooked(booking);
    const product = findProduct(config, booking.product, plugin);
    const hours = appointmentHours(config, product, plugin);
    const now = options.now();
    const slot = bookableSlot(hours, product.durationMinutes, Date.parse(request.body.start), now);
    if (!slot) throw slotUnavailable(request.body.start, hours, product);
    const answer = async (): Promise<BookingResponse> => ({ booking: toBookingView((await findBookingById(db, booking.id))!, config) });
    if (Date.parse(slot.start) === booking.start.getTime()) return answer();
    const backend = options.appointments.forBooking(booking);
    const outcome = await backend.move({ product, hours }, booking, slot);
    if (outcome === 'not-booked') requireBooked((await findBookingById(db, booking.id))!);
    if (outcome === 'moved') {
      // A reminder queued for the old time must not go out; the new time gets its own.
      await cancelPendingReminders(db, booking.id);
      const moved = await answer();
      await options.mail?.moved((await findBookingById(db, booking.id))!, secret, request.log);
      return moved;
    }
    return sendSlotTaken(reply, request.body.start, await nextFreeSlots(backend, { product, hours }, now, Date.parse(slot.start)));
  });

  route(bookingCalendarRoute, async (request, reply) => {
    const { booking } = await current(request);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="afspraak.ics"')
      .send(bookingCalendar(booking, config));
  });

  route(joinBookingRoute, async (request, reply) => {
    const { booking } = await current(request);
    if (booking.state === 'cancelled') {
      throw new ApiError(409, 'booking_cancelled', `${plugin}: the appointment was cancelled`);
    }
    const view = toBookingView(booking, config);
    const now = options.now();
    if (now < Date.parse(view.joinOpensAt) || now >= booking.end.getTime()) {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the waiting room for this appointment is open from ${view.joinOpensAt} until ${view.end}`);
    }
    if (booking.state === 'awaiting-payment') {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the appointment is not paid yet`);
    }
    if (booking.state === 'in-call' || booking.state === 'done') {
      throw new ApiError(409, 'booking_not_open', `${plugin}: the appointment is ${booking.state}`);
    }
    const product = findProduct(config, booking.product, plugin);
    const identityLoginId = await identityForJoin(db, request, booking, product, request.body.identitySession, plugin);
    const secret = newSecret();
    const ticket = await options.tickets.take({
      secretHash: sha256Hex(secret),
      product: booking.product,
      audioOnly: request.body.audioOnly ?? false,
      ttlSeconds: options.ticketTtlSeconds,
      identityLoginId,
      bookingId: booking.id,
      lang: booking.lang,
      // Joining again (a reload lost the ticket's secret): the old place is given up for a new one.
      ...(booking.ticketLive && booking.ticketId ? { replaces: booking.ticketId } : {}),
    });
    const body: CreateTicketResponse = { ticket: toTicketView(ticket), secret };
    return reply.code(201).send(body);
  });
};
