import type { FastifyInstance } from 'fastify';
import { sendApiError } from './api-error.js';

/** Requests allowed per client address per minute, by `METHOD /route`. */
export type RateLimits = Record<string, number>;

/**
 * Defaults: generous for a town hall's shared address, tight enough to stop a script filling the
 * queue or guessing the console access code.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  'POST /api/tickets': 20,
  'POST /api/console/session': 10,
  // Each start stores a pending login until it expires.
  'GET /api/console/login': 20,
  'POST /api/tickets/current/call-token': 30,
  // Booking: a family books a few, a script filling the agenda many.
  'POST /api/bookings': 20,
  'POST /api/bookings/current/move': 20,
  'POST /api/bookings/current/ticket': 20,
  // One-time codes are 256 bits, but guessing them should still be slow.
  'POST /api/identity/exchange': 20,
  'POST /api/identity/resume': 20,
  'POST /api/identity/start': 30,
};

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client address and route, in this instance's memory. With several
 * instances each counts on its own, so the effective limit is the number of instances times this;
 * a reverse proxy's limit is the shared one. Behind a proxy, set `trustProxy` so `request.ip` is
 * the client's and not the proxy's.
 */
export function registerRateLimits(app: FastifyInstance, limits: RateLimits): void {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  app.addHook('onRequest', async function rateLimit(request, reply) {
    const route = `${request.method} ${request.routeOptions.url}`;
    const limit = limits[route];
    if (limit === undefined) return;
    const now = Date.now();
    if (now - windowStart >= WINDOW_MS) {
      windowStart = now;
      counts = new Map();
    }
    const key = `${route} ${request.ip}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > limit) {
      const retryAfter = Math.ceil((windowStart + WINDOW_MS - now) / 1000);
      return sendApiError(
        reply.header('retry-after', String(retryAfter)),
        429,
        'rate_limited',
        `balie-server: more than ${limit} requests a minute to ${route}; try again in ${retryAfter} s`,
      );
    }
  });
}
