import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ApiErrorBody, ErrorCode } from '../../protocol/index.js';
import { isStoreUnavailable } from '../store/unavailable.js';

/**
 * An error a client can act on: the HTTP status, the protocol's error code and a precise English
 * message prefixed with the plugin that raised it. Thrown from handlers; the app's error handler
 * turns it into an {@link ApiErrorBody}.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sends an {@link ApiErrorBody} without throwing, for hooks that answer early. */
export function sendApiError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
) {
  const body: ApiErrorBody = { error: { code, message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

// Fastify's own 4xx errors (unparseable JSON, wrong content type, body too large) keep their
// status and become the matching protocol code.
const codeForStatus: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
};

/**
 * Makes every error an {@link ApiErrorBody}: ours as thrown, Fastify's client errors with their
 * status, and anything else a logged 500 whose details stay in the log.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError)
      return sendApiError(reply, error.statusCode, error.code, error.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendApiError(
        reply,
        status,
        codeForStatus[status] ?? 'bad_request',
        `balie-server: ${error.message}`,
      );
    }
    if (isStoreUnavailable(error)) {
      request.log.error({ err: error }, 'balie-server: the database is unreachable');
      return sendApiError(
        reply.header('retry-after', '5'),
        503,
        'unavailable',
        'balie-server: the database cannot be reached right now; try again shortly',
      );
    }
    request.log.error({ err: error }, 'balie-server: unexpected error');
    return sendApiError(
      reply,
      500,
      'internal',
      'balie-server: an unexpected error happened; see the server log',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendApiError(
      reply,
      404,
      'not_found',
      `balie-server: no route ${request.method} ${request.url.split('?')[0]}`,
    ),
  );
}
