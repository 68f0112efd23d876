import { BalieApiError, callRoute, routeUrl, type CallOptions } from '../protocol/client.js';
import type { ErrorCode } from '../protocol/errors.js';
import type { ResponseOf, RouteDescriptor } from '../protocol/routes/route.js';

/** What a console request came back with: the body when it worked, the error code when not. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; code?: ErrorCode };

/** The console's `api-base` resolved against the page. */
export function consoleApiBase(apiBase: string): URL {
  return new URL(apiBase, document.baseURI);
}

/** The address of a console route (for links: the CSV download, the OIDC login). */
export function consoleRouteUrl<R extends RouteDescriptor>(
  apiBase: string,
  route: R,
  query?: Record<string, string | number | undefined>,
): string {
  return routeUrl(consoleApiBase(apiBase), route, undefined, query);
}

/**
 * One console call through the typed client, with the session cookie and never from the HTTP
 * cache. The console's elements show a failure as a state, so it comes back as a value, not
 * thrown; a network failure is a 503 without a code.
 */
export async function consoleCall<R extends RouteDescriptor>(
  apiBase: string,
  route: R,
  options = {} as Omit<CallOptions<R>, 'credentials' | 'cache'>,
): Promise<ApiResult<ResponseOf<R>>> {
  try {
    const call = callRoute as (base: URL, route: R, options: CallOptions<R>) => Promise<ResponseOf<R>>;
    const value = await call(consoleApiBase(apiBase), route, { ...options, credentials: 'same-origin', cache: 'no-store' } as CallOptions<R>);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof BalieApiError)) throw error;
    if (error.code === 'network') return { ok: false, status: 503 };
    return { ok: false, status: error.status, ...(error.body ? { code: error.code } : {}) };
  }
}
