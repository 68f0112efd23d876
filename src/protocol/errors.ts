import type { BookingErrorCode } from './booking.js';
import type { ConsoleErrorCode } from './console.js';
import type { GuestErrorCode } from './guest.js';
import type { IdentityErrorCode } from './identity.js';

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
  | ConsoleErrorCode;

/** The body of every non-2xx response. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
