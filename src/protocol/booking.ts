import { boolean, literal, object, optional, text, type Infer } from './schema.js';
import type { ApiErrorBody } from './errors.js';
import { LANGS } from './lang.js';
import type { PaymentMethod, PaymentStatus } from './payment.js';

/**
 * The ways a citizen can reach the counter: `afspraak` books a time slot, `direct` joins the live
 * queue now (only while walk-in hours are open).
 */
export const balieModes = ['afspraak', 'direct'] as const;
export type BalieMode = (typeof balieModes)[number];

/**
 * Booking a video appointment. Every instant on the wire is an ISO 8601 UTC string
 * (`2026-11-24T08:30:00.000Z`); the widget shows it in the config's `openingHours.timeZone` with
 * `Intl`, so daylight-saving changes are the browser's and the server's arithmetic, never ours.
 */

const instant = text({
  max: 30,
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
  expected: 'an ISO 8601 date and time like 2026-11-24T08:30:00Z',
});

/** One bookable time. `end - start` is the product's duration. */
export interface Slot {
  start: string;
  end: string;
}

/** The free slots of one local day. */
export interface SlotDay {
  /** Local date in the municipality's time zone, `YYYY-MM-DD`. */
  date: string;
  slots: Slot[];
}

/**
 * Answer to `GET /api/slots?product=<id>[&from=YYYY-MM-DD][&days=N]`: the free slots from `from`
 * (default today) for `days` days (default and most: `openingHours.daysAhead`). Days without a
 * free slot are left out; slots in the past are never offered.
 */
export interface SlotsResponse {
  product: string;
  timeZone: string;
  days: SlotDay[];
}

/** What the citizen fills in. Kept as long as `privacy.keepDays` says, then purged. */
export const bookingDetailsSchema = object({
  /**
   * One line of letters, spaces and `' ’ - . ,`: it opens the municipality's own mail ("Beste …,"),
   * so no line breaks, digits, `:` or `/`, and no dot before two letters (`evil.example`, `www.x`)
   * that a mail program would turn into a link (issue 14, #8). Initials stay: `J.A. de Vries`.
   */
  name: text({ max: 120, pattern: /^(?!.*\.\p{L}{2})[\p{L}\p{M} '’.,-]+$/u, expected: 'a name: letters, spaces and \' - . , only' }),
  email: text({ max: 254, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an e-mail address' }),
  /** Only when the config's `askPhone` is on: for a text message an hour before. */
  phone: optional(text({ max: 20, pattern: /^\+?[0-9 ()-]{6,19}$/, expected: 'a phone number' })),
});
export type BookingDetails = Infer<typeof bookingDetailsSchema>;

/**
 * `POST /api/bookings`. Headers: `Idempotency-Key` (16–100 characters of `[A-Za-z0-9_-]`): the
 * same key with the same body books once and answers the same booking again; with another body
 * it is refused (`idempotency_conflict`). `Authorization: Bearer <identity session>` when the
 * product has a `levelOfAssurance`.
 */
export const createBookingRequestSchema = object({
  product: text({ max: 64 }),
  start: instant,
  details: bookingDetailsSchema,
  /** The citizen agreed to what the consent step said. Anything but `true` is refused. */
  consent: literal('yes'),
  /** Language of the confirmation mail. Default `nl`. */
  lang: optional(literal(...LANGS)),
  /**
   * The page the citizen booked on; the mail's manage link points here with
   * `#balie-afspraak=<secret>`. Must be on the config's `identity.returnUrls` allowlist.
   */
  pageUrl: text({ max: 2000, pattern: /^https?:\/\/[^#\s]+$/, expected: 'an http(s) URL without a fragment' }),
});
export type CreateBookingRequest = Infer<typeof createBookingRequestSchema>;

/**
 * `awaiting-payment`: a product paid at booking (`payAtBooking`, issue 16) holds its slot until
 * `payment.holdUntil` while the citizen pays; it becomes `booked` only when the provider says paid.
 */
export type BookingState = 'awaiting-payment' | 'booked' | 'cancelled' | 'waiting' | 'in-call' | 'done' | 'no-show';

/** The fee of a booking paid at booking (issue 16): what, how much, and until when the slot is held. */
export interface BookingPayment {
  /** The fee's label in the booking's language. */
  description: string;
  /** Cents, from the config. */
  amount: number;
  method: PaymentMethod;
  /** While `awaiting-payment`: the moment the slot is let go when still unpaid. */
  holdUntil?: string;
  /** The status of the booking's latest payment; absent before the citizen started paying. */
  status?: PaymentStatus;
}

/** The citizen's own view of an appointment. Never carries identity data. */
export interface BookingView {
  id: string;
  product: string;
  productName: string;
  start: string;
  end: string;
  timeZone: string;
  state: BookingState;
  /** The first moment the citizen may enter the waiting room for it. */
  joinOpensAt: string;
  /** Whether the citizen proved who they are for this booking (and at which level). */
  identified: boolean;
  /** Only for a product paid at booking: the fee and the payment's progress. */
  payment?: BookingPayment;
  /** Cancelled because the slot's hold ended before it was paid: the slot is free again. */
  holdExpired?: boolean;
}

/** Answer to `POST /api/bookings` (201) and to a replay with the same `Idempotency-Key` (200). */
export interface CreateBookingResponse {
  booking: BookingView;
  /**
   * Bearer secret for `…/bookings/current/*`: view, cancel, move, calendar file, join. Also in the
   * mail's link as `#balie-afspraak=<secret>`.
   */
  manageSecret: string;
}

/**
 * The fragment parameter of the manage link in the confirmation mail. The widget on that page
 * removes the fragment at once and opens the appointment.
 */
export const BOOKING_MANAGE_PARAM = 'balie-afspraak';

/** Answer to `GET`, `POST …/cancel` and `POST …/move` on `/api/bookings/current`. */
export interface BookingResponse {
  booking: BookingView;
}

/** `POST /api/bookings/current/move`: the same appointment at another free time. */
export const moveBookingRequestSchema = object({ start: instant });
export type MoveBookingRequest = Infer<typeof moveBookingRequestSchema>;

/**
 * `POST /api/bookings/current/ticket`: at the appointment time, enter the waiting room. Answers
 * a `CreateTicketResponse`; too early or too late is `booking_not_open`.
 *
 * The manage link is no login: whoever holds it is not the person who logged in to book (issue
 * 14, #2). For a product with a `levelOfAssurance`, a booking made with a login is joined only
 * with a live identity session of the same person (the same BSN) at that level — its cookie, or
 * `identitySession` here, since `Authorization` carries the manage secret — else 401
 * `identity_required`, 403 `assurance_too_low` or 403 `identity_mismatch`. Without one, a product
 * that needs no login is joined as "not verified".
 */
export const joinBookingRequestSchema = object({
  audioOnly: optional(boolean()),
  /** The identity session from `/api/identity/exchange`, for a browser that keeps no cookie. */
  identitySession: optional(text({ max: 100, pattern: /^[A-Za-z0-9_-]{43}$/, expected: 'an identity session' })),
});

/**
 * The body of a 409 `slot_taken`: someone booked this slot a moment ago. `nextFree` holds the
 * next free slots of the same product (at most 5), so the citizen can pick again at once.
 */
export interface SlotTakenBody extends ApiErrorBody {
  nextFree: Slot[];
}

/**
 * Answer to `GET /api/queue-status?product=<id>`: whether "join now" is open at this moment, and
 * when not, when it opens next (within two weeks; absent when it does not). Always open when the
 * config has no `openingHours.walkIn`.
 */
export interface QueueStatusResponse {
  product: string;
  open: boolean;
  opensAt?: string;
}

/** The journey a citizen had filled in before the DigiD redirect, kept by the server meanwhile. */
export const journeyResumeSchema = object({
  mode: literal(...balieModes),
  /** The product chosen in the widget, for a page whose element names none. */
  product: optional(text({ max: 64 })),
  slotStart: optional(instant),
  details: optional(bookingDetailsSchema),
  consent: optional(literal('yes')),
  idempotencyKey: optional(text({ max: 100, pattern: /^[A-Za-z0-9_-]{16,100}$/, expected: 'an idempotency key' })),
  /**
   * Joining a booked appointment after logging in again (issue 14, #2): its manage secret, kept
   * sealed on the server across the redirect, never in the URL.
   */
  manageSecret: optional(text({ max: 43, pattern: /^[A-Za-z0-9_-]{43}$/, expected: 'a manage secret' })),
});
export type JourneyResume = Infer<typeof journeyResumeSchema>;
