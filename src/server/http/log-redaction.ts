import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * Routes whose query string may carry a code, a state, a secret or a token: the DigiD callback
 * (`?code=…&state=…`), the employee login's callback, and the guest and manage routes. Their
 * query never reaches a log line (issue 14, #3).
 */
const SECRET_QUERY_ROUTES = ['/api/identity/', '/api/console/login', '/api/guests', '/gast', '/api/bookings/current'];

/** The request's URL for a log line: its query replaced by `?[redacted]` on {@link SECRET_QUERY_ROUTES}. */
export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const path = url.slice(0, query);
  return SECRET_QUERY_ROUTES.some((route) => path.startsWith(route)) ? `${path}?[redacted]` : url;
}

/** What a log line tells of a request: Fastify's default, with {@link loggedUrl}, never a header. */
function loggedRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * The app's logger options with the redacting request serializer, and `Authorization` and
 * `Cookie` headers censored wherever a log call passes a request's headers.
 */
export function withLogRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: { ...options.serializers, req: loggedRequest },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'],
  };
}
