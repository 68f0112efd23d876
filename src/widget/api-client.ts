import { BalieApiError } from '../protocol/client.js';
import { isApiErrorBody } from '../protocol/errors.js';

// The widget's stages still call `requestJson`; the typed `callRoute` of protocol/client.ts takes
// over once the journey refactor has landed (issue 17).
export { BalieApiError };

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
