import { localize, type BalieConfig, type BookingPayment, type BookingView, type Fee, type PaymentMethod, type OpeningHours, type Product, type Slot } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { isAllowedReturnUrl } from '../identity/identity-options.js';
import type { AppointmentBackend, ProductSchedule } from '../appointments/index.js';
import type { BookingRecord } from './booking-store.js';
import { DEFAULT_JOIN_EARLY_MINUTES } from './slots.js';
import { localDate } from './zoned-time.js';

/** The product with this id, or a 404 `product_unknown`. */
export function findProduct(config: BalieConfig, id: string, plugin: string): Product {
  const product = config.products.find((p) => p.id === id);
  if (!product) {
    throw new ApiError(404, 'product_unknown', `${plugin}: product "${id}" is not in this balie's configuration`);
  }
  return product;
}

/**
 * The opening hours a product's appointments follow, or a 409 `no_appointments` when the counter
 * takes none (no `openingHours`) or the product offers only `direct`.
 */
export function appointmentHours(config: BalieConfig, product: Product, plugin: string): OpeningHours {
  if (!config.openingHours) {
    throw new ApiError(409, 'no_appointments', `${plugin}: this balie has no openingHours, so it takes no appointments`);
  }
  if (product.modes && !product.modes.includes('afspraak')) {
    throw new ApiError(409, 'no_appointments', `${plugin}: product "${product.id}" offers no appointments (modes: ${product.modes.join(', ')})`);
  }
  return config.openingHours;
}

/**
 * The page the mail's manage link may point at, parsed and normalised (`URL.href`), or `undefined`
 * when it is not allowed: on the identity allowlist (`config.identity.returnUrls` and the
 * server's own), or without one, on an allowed origin. A backslash, userinfo or a control
 * character is refused outright: `https://www.testdorp.nl\@evil.example/` is testdorp to the URL
 * parser but evil.example to some mail programs, and the mail prints what is stored (issue 14, #4).
 */
export function allowedPageUrl(pageUrl: string, returnUrls: string[], allowedOrigins: string[]): string | undefined {
  if (/[\\\0-\x20\x7f]/.test(pageUrl) || !URL.canParse(pageUrl)) return undefined;
  const url = new URL(pageUrl);
  if (url.username || url.password || url.hash) return undefined;
  const allowed = returnUrls.length > 0 ? isAllowedReturnUrl(url.href, returnUrls) : allowedOrigins.includes(url.origin);
  return allowed ? url.href : undefined;
}

/** Up to five free slots after `afterMs` (or the first five when none is later), for a 409. */
export async function nextFreeSlots(
  backend: AppointmentBackend,
  schedule: ProductSchedule,
  now: number,
  afterMs: number,
): Promise<Slot[]> {
  // The taken slot's own day first, then its week: a few days' bookings to count, not months'.
  const from = localDate(afterMs, schedule.hours.timeZone);
  for (const days of [1, 7, undefined]) {
    const later = (await backend.freeSlots(schedule, now, { from, after: afterMs, limit: 5, ...(days ? { days } : {}) })).flatMap((day) => day.slots);
    if (later.length === 5 || (days === undefined && later.length > 0)) return later;
  }
  return (await backend.freeSlots(schedule, now, { limit: 5 })).flatMap((day) => day.slots);
}

/** The citizen's own view of a booking; no identity data, only whether there is one. */
export function toBookingView(booking: BookingRecord, config: BalieConfig): BookingView {
  const product = config.products.find((p) => p.id === booking.product);
  const hours = config.openingHours;
  const early = (hours?.joinEarlyMinutes ?? DEFAULT_JOIN_EARLY_MINUTES) * 60_000;
  return {
    id: booking.id,
    product: booking.product,
    productName: product ? localize(product.name, booking.lang) : booking.product,
    start: booking.start.toISOString(),
    end: booking.end.toISOString(),
    timeZone: hours?.timeZone ?? 'Europe/Amsterdam',
    state: booking.state,
    joinOpensAt: new Date(booking.start.getTime() - early).toISOString(),
    identified: booking.identityLoginId !== null,
    ...(product?.payAtBooking && config.payments ? { payment: bookingPayment(booking, product, config.payments.method) } : {}),
    ...(booking.cancelReason === 'hold-expired' ? { holdExpired: true } : {}),
  };
}

/** The fee of a booking paid at booking (issue 16): the product's first. */
export function bookingFee(product: Product): Fee | undefined {
  return product.payAtBooking ? product.fees?.[0] : undefined;
}

function bookingPayment(booking: BookingRecord, product: Product, method: PaymentMethod): BookingPayment | undefined {
  const fee = bookingFee(product);
  if (!fee) return undefined;
  return {
    description: localize(fee.label, booking.lang),
    amount: fee.amount,
    method,
    ...(booking.state === 'awaiting-payment' && booking.holdUntil ? { holdUntil: booking.holdUntil.toISOString() } : {}),
    ...(booking.paymentStatus ? { status: booking.paymentStatus } : {}),
  };
}
