import type { FastifyPluginAsync } from 'fastify';
import { WebhookReceiver } from 'livekit-server-sdk';
import { livekitWebhookRoute } from '../../protocol/routes/system.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import type { LivekitOptions } from './call-tokens.js';
import type { Db } from '../store/index.js';
import { recordWebhookEvent } from './webhook-events.js';
import type { TicketService } from '../tickets/ticket-service.js';

/** Options of {@link livekitWebhook}. */
export interface LivekitWebhookOptions {
  db: Db;
  /** Ends the ticket of a finished room; see {@link TicketService}. */
  tickets: TicketService;
  livekit: LivekitOptions;
}

const plugin = 'balie-livekit';

/**
 * `POST /api/livekit/webhook`: LiveKit tells us what happened to a call. Only signed deliveries
 * count: the `Authorization` header is a JWT signed with our API secret that carries the SHA-256
 * of the exact body (WebhookReceiver checks both), so the raw body is kept as text. Each event id
 * is acted on once; a replayed delivery is acknowledged and ignored.
 *
 * `room_finished` ends the admitted ticket of that room: LiveKit finishes a room once everyone has
 * left (or dropped, after its departure timeout), so a call that crashed on both sides still ends.
 * `participant_left` alone does not end it: a reload or a network switch leaves and rejoins with
 * the same identity, and the citizen and employee may rejoin a live ticket (call-token routes).
 */
export const livekitWebhook: FastifyPluginAsync<LivekitWebhookOptions> = async (app, options) => {
  const { db, tickets } = options;
  const receiver = new WebhookReceiver(options.livekit.apiKey, options.livekit.apiSecret);

  // LiveKit posts `application/webhook+json`; the signature covers the bytes, so parse nothing.
  app.addContentTypeParser(
    ['application/webhook+json', 'application/json'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  const route = routesFor(app, plugin);
  route(livekitWebhookRoute, async (request, reply) => {
    if (typeof request.body !== 'string') {
      throw new ApiError(
        415,
        'bad_request',
        `${plugin}: send the webhook as application/webhook+json`,
      );
    }
    let event;
    try {
      event = await receiver.receive(request.body, request.headers.authorization);
    } catch (error) {
      request.log.warn({ err: error }, `${plugin}: rejected a webhook`);
      throw new ApiError(401, 'unauthorized', `${plugin}: the webhook signature does not verify`);
    }
    if (!event.id || !(await recordWebhookEvent(db, event.id, event.event))) {
      return reply.code(200).send({ handled: false });
    }
    if (event.event === 'room_finished' && event.room?.name) {
      const ended = await tickets.endInRoom(event.room.name, 'ended-by-employee');
      if (ended) {
        request.log.info({ ticket: ended }, `${plugin}: the call's room finished; ticket ended`);
      }
    }
    return reply.code(200).send({ handled: true });
  });
};
