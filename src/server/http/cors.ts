import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Whether a path belongs to the citizen's API, which municipal sites on other origins call.
 * The console's API is same-origin only and gets no CORS at all, not even a preflight answer.
 */
export function isCitizenApi(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/console/') && url !== '/api/console';
}

/**
 * Whether a citizen route reads the identity session cookie: the identity routes themselves
 * (exchange sets it, `session` reads and ends it), booking or taking a ticket with it, and
 * joining a booking, where the login is asked again (issue 14, #2).
 * Only these let the widget send credentials.
 */
export function readsCitizenCookie(url: string): boolean {
  const path = url.split('?')[0];
  return (
    path.startsWith('/api/identity/') ||
    path === '/api/bookings' ||
    path === '/api/tickets' ||
    path === '/api/bookings/current/ticket'
  );
}

/**
 * CORS for the citizen API, for the configured origins only. The widget authenticates with
 * bearer headers, and with the identity session's cookie on the few routes that read it
 * ({@link readsCitizenCookie}), which alone allow credentials. Preflights are cached for ten
 * minutes: every call with `Authorization` needs one.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: string[]): void {
  const citizen: FastifyCorsOptions = {
    origin: allowedOrigins.length > 0 ? allowedOrigins : false,
    // DELETE: logging out (`DELETE /api/identity/session`).
    methods: ['GET', 'POST', 'DELETE'],
    // `idempotency-key`: a booking retried after a lost answer books once (protocol/booking.ts).
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
    credentials: false,
    maxAge: 600,
  };
  const withCookie: FastifyCorsOptions = { ...citizen, credentials: true };
  const none: FastifyCorsOptions = { origin: false };
  const allowed = new Set(allowedOrigins);
  app.register(cors, {
    delegator: (request: FastifyRequest, callback) => {
      // Another site gets no CORS header at all, not even "credentials allowed".
      const origin = request.headers.origin;
      if (!isCitizenApi(request.url) || origin === undefined || !allowed.has(origin)) return callback(null, none);
      callback(null, readsCitizenCookie(request.url) ? withCookie : citizen);
    },
  });
}
