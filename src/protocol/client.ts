import { BalieApiError } from './balie-api-error.js';
import { isApiErrorBody } from './errors.js';
import type { BodyOf, PathParams, ResponseOf, RouteDescriptor } from './routes/route.js';

export { BalieApiError };

/** What a call sends besides the route: path parameters, body, query, headers, fetch options. */
export type CallOptions<R extends RouteDescriptor> = (keyof PathParams<R['path']> extends never
  ? { params?: undefined }
  : { params: PathParams<R['path']> }) &
  (BodyOf<R> extends undefined ? { body?: undefined } : { body: BodyOf<R> }) & {
    query?: Record<string, string | number | undefined>;
    headers?: Record<string, string>;
    /** By default `include` on the routes that read the citizen's cookie (`citizenCookie`), else fetch's own. */
    credentials?: RequestCredentials;
    cache?: RequestCache;
  };

/**
 * The address of `route` under the API base (`https://balie.example/api/`, or relative to the
 * page): the descriptor's `/api/…` path with its parameters filled in, resolved against the base.
 */
export function routeUrl<R extends RouteDescriptor>(
  apiBase: string | URL,
  route: R,
  params?: PathParams<R['path']>,
  query: Record<string, string | number | undefined> = {},
): string {
  const path = route.path
    .replace(/^\/api\//, '')
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]));
  const url = new URL(path, new URL(apiBase, globalThis.location?.href));
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.href;
}

/**
 * Calls one route of the balie server and answers its typed response; every failure — a dropped
 * network, a non-JSON answer, a protocol error body — is a {@link BalieApiError}. Writes always
 * send JSON (`{}` without a body): the console refuses anything else, against forged forms. A
 * `citizenCookie` route gets the citizen's cookie cross-origin too: the server allows credentials
 * on exactly those routes (server/http/cors.ts), so the descriptor says it once for both sides.
 */
export async function callRoute<R extends RouteDescriptor>(
  apiBase: string | URL,
  route: R,
  ...[options]: keyof PathParams<R['path']> extends never
    ? BodyOf<R> extends undefined
      ? [options?: CallOptions<R>]
      : [options: CallOptions<R>]
    : [options: CallOptions<R>]
): Promise<ResponseOf<R>> {
  const { params, body, query, headers = {}, credentials = route.citizenCookie ? 'include' : undefined, cache } = (options ?? {}) as CallOptions<RouteDescriptor> & {
    params?: Record<string, string>;
    body?: unknown;
  };
  const url = routeUrl(apiBase, route, params as unknown as PathParams<R['path']>, query);
  const write = route.method !== 'GET';
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers: write ? { 'content-type': 'application/json', ...headers } : headers,
      ...(write ? { body: JSON.stringify(body ?? {}) } : {}),
      ...(credentials ? { credentials } : {}),
      ...(cache ? { cache } : {}),
    });
  } catch (cause) {
    throw new BalieApiError('network', `could not reach ${url}: ${(cause as Error).message}`);
  }
  if (response.status === 204) return undefined as ResponseOf<R>;
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isApiErrorBody(answer)) throw new BalieApiError(answer.error.code, answer.error.message, response.status, answer);
    throw new BalieApiError('internal', `${url} answered ${response.status}`, response.status);
  }
  return answer as ResponseOf<R>;
}
