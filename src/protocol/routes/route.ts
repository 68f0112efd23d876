import type { Schema } from '../schema.js';

/**
 * Who may call a route. The server's registration enforces `employee` and `beheerder` (a console
 * session of at least that role); the others name the credential the handler checks itself.
 */
export type RouteAuth =
  /** Anyone: pages, health checks, the config, sign-in starts. */
  | 'public'
  /** A citizen with a bearer secret: a ticket's or a booking's (`Authorization: Bearer …`). */
  | 'citizen-bearer'
  /** A citizen's identity session: the DigiD session cookie or its bearer copy. */
  | 'citizen-cookie'
  /** An interpreter or other guest with a guest link's secret. */
  | 'guest'
  /** A signed-in employee (`medewerker` or `beheerder`). */
  | 'employee'
  /** A signed-in `beheerder` only. */
  | 'beheerder'
  /** LiveKit's server, proven by the webhook's signature. */
  | 'webhook';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One route of the balie server, described once: the server registers it from this, and the typed
 * client calls it from this (ARCHITECTURE.md, "a route is part of the contract").
 */
export interface RouteDescriptor {
  readonly method: RouteMethod;
  /** The path, with `:name` parameters (Fastify's syntax). */
  readonly path: string;
  /** The request body's schema; the server answers 400 `bad_request` when a body does not fit. */
  readonly body?: Schema<unknown>;
  /** Phantom marker of the answer's type; see {@link responseOf}. Never read at run time. */
  readonly response?: unknown;
  readonly auth: RouteAuth;
  /** Requests per client address per minute; none when absent. */
  readonly rateLimit?: number;
  /** Called by municipal pages on other origins (the citizen API), so it answers CORS. */
  readonly crossOrigin?: boolean;
  /** Reads the citizen's identity session cookie, so CORS allows credentials. */
  readonly citizenCookie?: boolean;
}

/**
 * Marks a descriptor's answer type without a value at run time:
 * `response: responseOf<CreateTicketResponse>()`.
 */
export function responseOf<T>(): T {
  return undefined as T;
}

/** The body a route takes: its schema's type, or `undefined` when it takes none. */
export type BodyOf<R extends RouteDescriptor> = R['body'] extends Schema<infer B> ? B : undefined;

/** The answer a route gives (`undefined` for 204s and routes without a declared type). */
export type ResponseOf<R extends RouteDescriptor> = R['response'];

/**
 * `'/api/console/tickets/:id/guests/:guest/admit'` → `{ id: string; guest: string }`; a trailing
 * wildcard (`/widget/*`) is `'*'`.
 */
export type PathParams<P extends string> = NamedParams<P> & (P extends `${string}*` ? { '*': string } : unknown);

type NamedParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof NamedParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

/** `METHOD /path`, the key of a route in rate limit tables and logs. */
export function routeKey(route: Pick<RouteDescriptor, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
