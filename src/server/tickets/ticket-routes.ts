import type { FastifyPluginAsync } from 'fastify';
import {
  type CallTokenResponse,
  type CreateTicketResponse,
  type TicketEvent,
  type BalieConfig,
  type WaitingTicketView,
} from '../../protocol/index.js';
import { identityForProduct, walkInStatus } from '../booking/index.js';
import { ApiError } from '../http/api-error.js';
import { routesFor } from '../http/route.js';
import {
  createTicketRoute,
  currentTicketRoute,
  leaveTicketRoute,
  ticketCallTokenRoute,
  ticketEventsRoute,
} from '../../protocol/routes/tickets.js';
import { mintCallToken, type LivekitOptions } from '../call/call-tokens.js';
import { openEventStream } from '../http/event-stream.js';
import type { QueueHub } from '../queue/queue-hub.js';
import { newSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { findTicketById } from './ticket-store.js';
import type { TicketService } from './ticket-service.js';
import { authenticateTicket, explainNotLive, requireLiveTicket } from './ticket-auth.js';
import { toTicketView } from './views.js';

/** Options of {@link ticketRoutes}. */
export interface TicketRoutesOptions {
  db: Db;
  hub: QueueHub;
  /** Takes and ends tickets; see {@link TicketService}. */
  tickets: TicketService;
  livekit: LivekitOptions;
  productNames: Map<string, string>;
  /** For the product's level of assurance and the walk-in hours. */
  config: BalieConfig;
  now: () => number;
  ticketTtlSeconds: number;
  callTokenTtlSeconds: number;
}

const plugin = 'balie-tickets';

/**
 * Open event streams one ticket may hold on an instance: a citizen with the widget in a couple of
 * tabs is fine (in the call a page follows two: its payments and its documents, and a stream just
 * closed may not be seen gone yet); a script holding hundreds of connections open with one leaked
 * secret is not. The widget tries again after a 429.
 */
export const MAX_STREAMS_PER_TICKET = 5;

/**
 * The citizen's side of the queue: take a ticket, follow it, get the call token once admitted,
 * leave. Every route but the first is authorised by the ticket's bearer secret alone.
 */
export const ticketRoutes: FastifyPluginAsync<TicketRoutesOptions> = async (app, options) => {
  const { db, hub, tickets } = options;
  const route = routesFor(app, plugin);

  route(createTicketRoute, async (request, reply) => {
    const { product, audioOnly = false, lang } = request.body;
    const configured = options.config.products.find((p) => p.id === product);
    if (!configured) {
      throw new ApiError(
        404,
        'product_unknown',
        `${plugin}: product "${product}" is not in this balie's configuration`,
      );
    }
    const walkIn = walkInStatus(options.config.openingHours, options.now());
    if (!walkIn.open || (configured.modes && !configured.modes.includes('direct'))) {
      const when = walkIn.opensAt ? `; it opens at ${walkIn.opensAt}` : '';
      throw new ApiError(
        409,
        'queue_closed',
        walkIn.open
          ? `${plugin}: product "${product}" is by appointment only`
          : `${plugin}: "join now" is closed at this moment${when}`,
      );
    }
    const identityLoginId = await identityForProduct(db, request, configured, plugin);
    const secret = newSecret();
    const ticket = await tickets.take({
      secretHash: sha256Hex(secret),
      product,
      audioOnly,
      ttlSeconds: options.ticketTtlSeconds,
      identityLoginId,
      ...(lang ? { lang } : {}),
    });
    const body: CreateTicketResponse = { ticket: toTicketView(ticket), secret };
    return reply.code(201).send(body);
  });

  route(currentTicketRoute, async (request): Promise<WaitingTicketView> => {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    return toTicketView(ticket);
  });

  route(ticketEventsRoute, async (request, reply) => {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    if (hub.ticketStreamCount(ticket.id) >= MAX_STREAMS_PER_TICKET) {
      reply.header('retry-after', '10');
      throw new ApiError(
        429,
        'rate_limited',
        `${plugin}: this ticket already has ${MAX_STREAMS_PER_TICKET} open event streams; close one first`,
      );
    }
    const stream = openEventStream(reply);
    // Watch and send the snapshot in the same tick: any change after the lookup above has
    // triggered (or will trigger) a refresh that reaches this stream.
    const snapshot: TicketEvent = { type: 'ticket', ticket: toTicketView(ticket) };
    hub.watchTicket(snapshot.ticket, stream);
    stream.update(snapshot);
  });

  route(ticketCallTokenRoute, async (request): Promise<CallTokenResponse> => {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    if (ticket.state !== 'admitted' || !ticket.room || !ticket.citizenIdentity) {
      throw new ApiError(
        409,
        'not_admitted',
        `${plugin}: an employee has not admitted this ticket yet`,
      );
    }
    const call = await mintCallToken({
      room: ticket.room,
      identity: ticket.citizenIdentity,
      role: 'citizen',
      ttlSeconds: options.callTokenTtlSeconds,
      livekit: options.livekit,
    });
    return { call };
  });

  route(leaveTicketRoute, async (request, reply) => {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    const ended = await tickets.end(ticket.id, 'left');
    // Lost a race with the employee or the sweep: say what happened instead.
    if (!ended) explainNotLive(await findTicketById(db, ticket.id), plugin);
    return reply.code(204).send();
  });
};
