import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DOCUMENT_NAME_HEADER } from '../../protocol/index.js';
import type {} from './route.js';

/**
 * CORS for the citizen API, for the configured origins only. The widget authenticates with
 * bearer headers, and with the identity session's cookie on the few routes that read it
 * (descriptors with `citizenCookie`), which alone allow credentials. Which routes answer CORS
 * at all is their descriptor's `crossOrigin`: the console's API is same-origin only and gets no
 * CORS, not even a preflight answer. Preflights are cached for ten minutes: every call with
 * `Authorization` needs one.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: string[]): void {
  const citizen: FastifyCorsOptions = {
    origin: allowedOrigins.length > 0 ? allowedOrigins : false,
    // DELETE: logging out (`DELETE /api/identity/session`).
    methods: ['GET', 'POST', 'DELETE'],
    // `idempotency-key`: a booking retried after a lost answer books once (protocol/booking.ts).
    // DOCUMENT_NAME_HEADER: a file sent in the call carries its name beside its bytes (issue 15).
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', DOCUMENT_NAME_HEADER],
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
      const route = request.routeOptions.config.route;
      if (!route?.crossOrigin || origin === undefined || !allowed.has(origin)) return callback(null, none);
      callback(null, route.citizenCookie ? withCookie : citizen);
    },
  });
}
