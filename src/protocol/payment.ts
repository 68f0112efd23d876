import { array, boolean, integer, literal, object, optional, text, type Infer } from './schema.js';
import { localizedText } from './localized-text.js';

// Payments in the call (issue 16): fees come from the config only; the status only from the
// payment provider. These shapes cross the wire between console, widget and server.

const id = text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' });

/** The payment methods a municipality offers: iDEAL (NL) or Bancontact (BE). */
export const paymentMethods = ['ideal', 'bancontact'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** A fee (leges) of a product, e.g. `{ id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 }`. */
export const feeSchema = object({
  id,
  label: localizedText({ max: 120 }),
  /** In euro cents, so no rounding ever happens: 8430 is €84,30. */
  amount: integer(1, 10_000_00),
});

/** A product's payment fields, spread into the config's `products[]`. */
export const productPaymentFields = {
  /** The fees the employee can request in the call. */
  fees: optional(array(feeSchema, { max: 30 })),
  /** Whether the employee may type an amount of their own besides the fees. Default false. */
  freeAmount: optional(boolean()),
  /**
   * The product's first fee is paid when booking: the booking holds its slot for
   * `payments.holdMinutes` and is confirmed only when paid. Default false.
   */
  payAtBooking: optional(boolean()),
  /** How many trips to the town hall a resolved call saves: 0, 1 or 2. Default 1. */
  tripsSaved: optional(integer(0, 2)),
  /** The outcome codes that count as resolved for trips saved. Default: those marked first-time-right. */
  resolvedOutcomes: optional(array(id, { max: 30 })),
};

/** The config's top-level `payments`: how citizens pay. */
export const paymentsConfigSchema = object({
  method: literal(...paymentMethods),
  /** Minutes a booking that is paid at booking holds its slot while the citizen pays. Default 15. */
  holdMinutes: optional(integer(1, 120)),
});

/** The life of a payment, as the provider reports it (Mollie's names). */
export const paymentStatuses = ['open', 'pending', 'authorized', 'paid', 'canceled', 'expired', 'failed'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** The statuses after which a payment never changes again (but for a refund). */
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = ['paid', 'canceled', 'expired', 'failed'];

/**
 * The employee's payment request: fee ids of the ticket's product, or a free amount where the
 * product allows one. Never an amount for a fee: the server takes it from the config.
 */
export const createPaymentRequestSchema = object({
  fees: optional(array(id, { min: 1, max: 10 })),
  /**
   * Cents; only for products with `freeAmount`. It has no text of its own: an employee's free text
   * could hold a name, and these records are kept for seven years.
   */
  freeAmount: optional(integer(1, 10_000_00)),
});
export type CreatePaymentRequest = Infer<typeof createPaymentRequestSchema>;

/** A payment as the citizen and the employee see it. Never a name, never bank data. */
export interface PaymentView {
  id: string;
  /** What it is for, in the config's words (the fee labels joined). */
  description: string;
  /** Cents. */
  amount: number;
  method: PaymentMethod;
  status: PaymentStatus;
  /** The provider's checkout page; only while the payment is open. */
  checkoutUrl?: string;
  refunded: boolean;
  createdAt: string;
  paidAt?: string;
}

/** The payments of a ticket, newest first. */
export interface PaymentListView {
  payments: PaymentView[];
}

/**
 * A payment of a call was requested or changed status: sent on the citizen's ticket stream and on
 * every employee's queue stream (`ticketId` says whose call). Only a nudge, and never a name: the
 * element that shows the payment reads it again through its route. `id` and `status` make each
 * nudge differ from the last, as the streams drop an event equal to the one before.
 */
export interface PaymentChangedEvent {
  type: 'payment';
  ticketId: string;
  id: string;
  status: PaymentStatus;
}

/** The provider's webhook body: `id=tr_…`, form-encoded, nothing else is trusted. */
export const paymentWebhookSchema = object({ id: text({ max: 64 }) });

/** Minutes a booking paid at booking holds its slot when the config names none. */
export const DEFAULT_HOLD_MINUTES = 15;

export type Fee = Infer<typeof feeSchema>;
export type PaymentsConfig = Infer<typeof paymentsConfigSchema>;

/** `8430` → `€ 84,30` (Dutch notation; the receipt and CSV use it). */
export function formatEuro(cents: number): string {
  return `€ ${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}
