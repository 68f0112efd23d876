// The one vocabulary of errors, grouped by the routes that answer them. A leaf: it imports nothing,
// so every protocol module may use `ApiErrorBody` without a circle through errors.ts.

/**
 * Error codes the balie server answers with. The widget translates each into plain language;
 * the `message` is English and precise, for a web team or a log.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'product_unknown'
  | 'ticket_unknown'
  | 'ticket_expired'
  | 'ticket_ended'
  | 'not_admitted'
  | 'already_admitted'
  | 'feedback_given'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  | IdentityErrorCode
  | GuestErrorCode
  | BookingErrorCode
  | ConsoleErrorCode
  | PaymentErrorCode
  | DocumentErrorCode;

/** The body of every non-2xx response. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Error codes of the identity routes, in an `ApiErrorBody`. */
export type IdentityErrorCode =
  /** `start`: no identity provider with that id. */
  | 'provider_unknown'
  /** `start`: the return URL is not on the allowlist. */
  | 'return_url_not_allowed'
  /** `callback`: no `state`, or one this server never issued or that has expired. */
  | 'identity_state_invalid'
  /** `callback`: this `state` was already used: a replayed callback. */
  | 'identity_state_used'
  /** `exchange`: no such one-time code. */
  | 'identity_code_unknown'
  /** `exchange`: the one-time code was already exchanged. */
  | 'identity_code_used'
  /** `exchange`: the one-time code is older than its lifetime. */
  | 'identity_code_expired'
  /**
   * `exchange`: the login was started in another browser (the binding does not match): a return
   * link someone else sent. The code stays unused.
   */
  | 'identity_code_other_browser'
  /** Booking or "join now": the session already made its one booking or ticket. */
  | 'identity_session_bound';

export type GuestErrorCode = 'guest_link_unknown' | 'guest_link_used' | 'guest_link_expired';

/** Error codes of the booking routes, in an `ApiErrorBody`. */
export type BookingErrorCode =
  /** The slot was free when shown but is booked now; see `SlotTakenBody` (booking.ts). */
  | 'slot_taken'
  /** Not a slot of this product: outside opening hours, on a holiday, in the past, or off the grid. */
  | 'slot_unavailable'
  /** The product needs a login and there is no (live) identity session. */
  | 'identity_required'
  /** The identity session's level is lower than the product needs. */
  | 'assurance_too_low'
  /** Joining a booking: the identity session is of another person than the one who booked. */
  | 'identity_mismatch'
  /** The `Idempotency-Key` was used before with another body. */
  | 'idempotency_conflict'
  /** The manage secret matches no booking. */
  | 'booking_unknown'
  /** 410: the appointment is long over and the retention purge emptied it; its link opens nothing. */
  | 'booking_purged'
  /** The booking was cancelled; it can be neither moved nor joined. */
  | 'booking_cancelled'
  /** Joining before `joinOpensAt` or after the appointment's end. */
  | 'booking_not_open'
  /** The page URL is not on the allowlist. */
  | 'page_url_not_allowed'
  /** The counter takes no appointments (no `openingHours`), or this product offers no `afspraak`. */
  | 'no_appointments'
  /** `POST /api/tickets`: "join now" is closed at this moment (outside `openingHours.walkIn`). */
  | 'queue_closed'
  /**
   * 503: the calendar that holds this product's appointments (CalDAV, an appointment system) did
   * not answer in time or refused. Nothing was booked, cancelled or moved; try again later.
   */
  | 'calendar_unavailable';

/** Error codes only the console's routes answer with. */
export type ConsoleErrorCode =
  | 'identity_not_verified'
  | 'outcome_unknown'
  | 'colleague_unknown'
  | 'handed_to_colleague'
  /**
   * The call is another employee's: only the employee who admitted the citizen, or to whom the
   * call was handed over, gets a call token, hands it over or invites and admits a guest.
   */
  | 'not_your_call';

/** Error codes of the payment routes (issue 16). */
export type PaymentErrorCode =
  /** The config has no `payments`, or the product no fees. */
  | 'payments_off'
  /** A fee id the product does not have, or a free amount where the product allows none. */
  | 'fee_unknown'
  /** The request already has an open payment; it must end before another is sent. */
  | 'payment_open'
  /** The payment provider did not answer; nothing was recorded, the request can be sent again. */
  | 'provider_unavailable'
  | 'payment_unknown'
  /** Only a paid payment can be refunded, and only once. */
  | 'not_refundable'
  /** Only a failed, canceled or expired payment can be tried again. */
  | 'not_retryable'
  /** A booking paid at booking was not paid in time: its slot was let go; book again. */
  | 'hold_expired';

/** Error codes of the document routes (issue 15). */
export type DocumentErrorCode =
  /** 413: larger than the config's `documents.maxMegabytes`. */
  | 'document_too_large'
  /** 415: the bytes are not a JPEG, PNG, HEIC/HEIF photo or PDF, whatever the name says. */
  | 'document_type'
  /** 400: the name carries a program's extension (`brief.pdf.exe`), or the file is empty. */
  | 'document_name'
  /** 422: the image could not be read (damaged, or not what its first bytes claim). */
  | 'document_unreadable'
  /** 422: the virus scanner found something; nothing was offered, the refusal is audited. */
  | 'document_infected'
  /** 422: PDFs need a virus scanner, and this server has none configured (`BALIE_CLAMD`). */
  | 'document_not_scanned'
  /** 503: the virus scanner does not answer; nothing was offered, send it again shortly. */
  | 'scanner_unavailable'
  /** 403: the interpreter may send documents only when the employee allows it. */
  | 'documents_not_allowed'
  /** 403: the document belongs to another call. */
  | 'document_other_call'
  | 'document_unknown'
  /** 410: retention removed the document, a set time after the call. */
  | 'document_purged';
