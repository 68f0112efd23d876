import { isApiErrorBody, type ApiErrorBody, type ErrorCode } from '../protocol/errors.js';
import type { Slot } from '../protocol/booking.js';

/** A failed call to the balie server, with the protocol's code (or `network`). */
export class BalieApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status = 0,
    /** The error body, for codes that carry more (`slot_taken` has `nextFree`). */
    readonly body?: ApiErrorBody & { nextFree?: Slot[] },
  ) {
    super(message);
    this.name = 'BalieApiError';
  }
}

/**
 * `fetch` against the balie API that turns every failure into a {@link BalieApiError}: a dropped
 * network, a non-JSON answer and a protocol error body all end up as one typed value.
 */
export async function requestJson<T>(url: string | URL, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new BalieApiError('network', `could not reach ${url}: ${(cause as Error).message}`);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isApiErrorBody(body)) throw new BalieApiError(body.error.code, body.error.message, response.status, body);
    throw new BalieApiError('internal', `${url} answered ${response.status}`, response.status);
  }
  return body as T;
}

/** Headers for a citizen's ticket requests. The secret never goes in a URL (logs, Referer). */
export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/** A JSON `POST` with extra headers (a bearer secret, an idempotency key). */
export function post(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
