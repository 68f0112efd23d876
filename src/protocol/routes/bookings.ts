import {
  createBookingRequestSchema,
  joinBookingRequestSchema,
  moveBookingRequestSchema,
  type BookingResponse,
  type CreateBookingResponse,
  type QueueStatusResponse,
  type SlotsResponse,
} from '../booking.js';
import type { CreateTicketResponse } from '../ticket.js';
import { responseOf, type RouteDescriptor } from './route.js';

// Booking a slot and managing the booking with its manage secret (bearer).

/** Free slots of a product (`?product=…&from=…&days=…`). */
export const slotsRoute = {
  method: 'GET',
  path: '/api/slots',
  response: responseOf<SlotsResponse>(),
  auth: 'public',
  rateLimit: 60,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** Whether "join now" is open for a product (`?product=…`). */
export const queueStatusRoute = {
  method: 'GET',
  path: '/api/queue-status',
  response: responseOf<QueueStatusResponse>(),
  auth: 'public',
  rateLimit: 120,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** Books a slot; needs an `Idempotency-Key` header, and the identity session when DigiD is asked. */
export const createBookingRoute = {
  method: 'POST',
  path: '/api/bookings',
  body: createBookingRequestSchema,
  response: responseOf<CreateBookingResponse>(),
  auth: 'public',
  // A family books a few, a script filling the agenda many.
  rateLimit: 20,
  crossOrigin: true,
  citizenCookie: true,
} as const satisfies RouteDescriptor;

export const currentBookingRoute = {
  method: 'GET',
  path: '/api/bookings/current',
  response: responseOf<BookingResponse>(),
  auth: 'citizen-bearer',
  rateLimit: 60,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const cancelBookingRoute = {
  method: 'POST',
  path: '/api/bookings/current/cancel',
  response: responseOf<BookingResponse>(),
  auth: 'citizen-bearer',
  rateLimit: 20,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

export const moveBookingRoute = {
  method: 'POST',
  path: '/api/bookings/current/move',
  body: moveBookingRequestSchema,
  response: responseOf<BookingResponse>(),
  auth: 'citizen-bearer',
  rateLimit: 20,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** The booking as an iCalendar file (text, not JSON). */
export const bookingCalendarRoute = {
  method: 'GET',
  path: '/api/bookings/current/calendar.ics',
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/** At the booked time: the booking's place in the queue. */
export const joinBookingRoute = {
  method: 'POST',
  path: '/api/bookings/current/ticket',
  body: joinBookingRequestSchema,
  response: responseOf<CreateTicketResponse>(),
  auth: 'citizen-bearer',
  rateLimit: 20,
  crossOrigin: true,
  // Joining a DigiD booking asks for the login again: the session proves it is the same person
  // (issue 14, #2), so the route reads the citizen's cookie.
  citizenCookie: true,
} as const satisfies RouteDescriptor;
