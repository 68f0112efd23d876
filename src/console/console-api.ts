import { isApiErrorBody, type ErrorCode } from '../protocol/index.js';

/** What a console request came back with: the body when it worked, the error code when not. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; code?: ErrorCode };

/** `path` resolved against the console's `api-base` (itself resolved against the page). */
export function apiUrl(apiBase: string, path: string): string {
  return new URL(path, new URL(apiBase, document.baseURI)).href;
}

/**
 * One console request with the session cookie. Writes send JSON, which a cross-site form cannot:
 * the server refuses any other content type (CSRF). A network failure is a 503 without a code.
 */
export async function consoleRequest<T>(
  apiBase: string,
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(apiUrl(apiBase, path), {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body ?? {}) }),
    });
  } catch {
    return { ok: false, status: 503 };
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, value: body as T };
  return { ok: false, status: response.status, ...(isApiErrorBody(body) ? { code: body.error.code } : {}) };
}
