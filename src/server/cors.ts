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
 * CORS for the citizen API, for the configured origins only. The widget authenticates with a
 * bearer header, never cookies, so credentials stay off. Preflights are cached for ten minutes:
 * every call with `Authorization` needs one.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: string[]): void {
  const citizen: FastifyCorsOptions = {
    origin: allowedOrigins.length > 0 ? allowedOrigins : false,
    methods: ['GET', 'POST'],
    // `idempotency-key`: a booking retried after a lost answer books once (protocol/booking.ts).
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
    credentials: false,
    maxAge: 600,
  };
  const none: FastifyCorsOptions = { origin: false };
  app.register(cors, {
    delegator: (request: FastifyRequest, callback) =>
      callback(null, isCitizenApi(request.url) ? citizen : none),
  });
}
