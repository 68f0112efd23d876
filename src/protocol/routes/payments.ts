import { createPaymentRequestSchema, paymentWebhookSchema, type PaymentListView, type PaymentView } from '../payment.js';
import { responseOf, type RouteDescriptor } from './route.js';

// Payments in the call (issue 16). They exist only when the server has a payment provider and
// the config has `payments`.

/** The employee in the call asks the citizen to pay fees of the ticket's product. */
export const requestPaymentRoute = {
  method: 'POST',
  path: '/api/console/tickets/:id/payments',
  body: createPaymentRequestSchema,
  response: responseOf<PaymentView>(),
  auth: 'employee',
  rateLimit: 30,
} as const satisfies RouteDescriptor;

/** The payments of a call, as the employee's console shows them. */
export const ticketPaymentsRoute = {
  method: 'GET',
  path: '/api/console/tickets/:id/payments',
  response: responseOf<PaymentListView>(),
  auth: 'employee',
  rateLimit: 240,
} as const satisfies RouteDescriptor;

/** The payments of the citizen's own call, for the payment card. */
export const citizenPaymentsRoute = {
  method: 'GET',
  path: '/api/tickets/current/payments',
  response: responseOf<PaymentListView>(),
  auth: 'citizen-bearer',
  rateLimit: 240,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/**
 * The citizen's "try again" after a payment failed, was canceled or expired: the same fees again,
 * as a new payment at the provider; an open payment of the call is given back instead of a second.
 * No body: what to pay is the earlier payment's, never the browser's.
 */
export const retryPaymentRoute = {
  method: 'POST',
  path: '/api/tickets/current/payments/:payment/retry',
  response: responseOf<PaymentView>(),
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;

/**
 * The provider's "something changed": only an id, form-encoded. Anyone can send one, so nothing
 * in it is believed: the server asks the provider for the payment.
 */
export const paymentWebhookRoute = {
  method: 'POST',
  path: '/api/payments/webhook',
  body: paymentWebhookSchema,
  response: responseOf<undefined>(),
  auth: 'public',
  rateLimit: 600,
} as const satisfies RouteDescriptor;

/** Where the checkout tab lands when the citizen is done: "you can close this tab". */
export const paymentReturnPageRoute = {
  method: 'GET',
  path: '/betaling/klaar',
  auth: 'public',
  rateLimit: 120,
} as const satisfies RouteDescriptor;

/** The bookkeeping, for finance: every payment record as CSV. */
export const paymentsCsvRoute = {
  method: 'GET',
  path: '/api/console/payments.csv',
  auth: 'beheerder',
  rateLimit: 30,
} as const satisfies RouteDescriptor;

/** A beheerder refunds a paid payment in full; audited. */
export const refundPaymentRoute = {
  method: 'POST',
  path: '/api/console/payments/:payment/refund',
  response: responseOf<PaymentView>(),
  auth: 'beheerder',
  rateLimit: 30,
} as const satisfies RouteDescriptor;

/**
 * Paying a booking of a product paid at booking (`payAtBooking`): starts the payment, or gives back
 * the open (or paid) one. Bearer: the booking's manage secret. No body: the amount is the config's.
 */
export const bookingPaymentRoute = {
  method: 'POST',
  path: '/api/bookings/current/payment',
  response: responseOf<PaymentView>(),
  auth: 'citizen-bearer',
  rateLimit: 30,
  crossOrigin: true,
} as const satisfies RouteDescriptor;
