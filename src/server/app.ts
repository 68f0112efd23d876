import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { BalieConfig } from '../protocol/index.js';
import { registerErrorHandling } from './api-error.js';
import type { LivekitOptions } from './call-tokens.js';
import { consolePage } from './console-page.js';
import { consoleRoutes } from './console-routes.js';
import { registerCors } from './cors.js';
import { trackIdleSockets } from './idle-sockets.js';
import { feedbackRoutes } from './feedback-routes.js';
import { guestRoutes } from './guests/guest-routes.js';
import { createRoomCloser } from './livekit-rooms.js';
import { publicRoutes } from './public-routes.js';
import { QueueHub } from './queue-hub.js';
import type { Db } from './store/index.js';
import { sweep } from './sweep.js';
import { ticketRoutes } from './ticket-routes.js';
import { productNames } from './views.js';
import { widgetStatic } from './widget-static.js';
import { identityRoutes, type IdentityOptions } from './identity/index.js';

/** Everything the balie server needs; see {@link buildApp}. */
export interface BalieServerOptions {
  /** The municipality's configuration, already validated with `balieConfigSchema`. */
  config: BalieConfig;
  db: Db;
  livekit: LivekitOptions;
  /** Origins (e.g. `https://www.voorbeeldstad.nl`) whose pages may call the citizen API. */
  allowedOrigins: string[];
  /** Shared code employees sign in with, until OIDC (issue #6). */
  consoleAccessCode: string;
  /** The built widget (`dist/`), served at `/widget/`; not served when absent. */
  staticDir?: string;
  /** DigiD and other OIDC providers; the `/api/identity/` routes exist only when set. */
  identity?: IdentityOptions;
  /** How long a ticket may wait before it expires. Default 4 hours. */
  ticketTtlSeconds?: number;
  /** How often expired tickets are ended. Default 30 seconds. */
  sweepIntervalMs?: number;
  /** Lifetime of a LiveKit token for joining (not of the call itself). Default 10 minutes. */
  callTokenTtlSeconds?: number;
  /** Passed to Fastify. Default off. */
  logger?: FastifyServerOptions['logger'];
}

const hubs = new WeakMap<FastifyInstance, QueueHub>();

/** How many event streams an app built by {@link buildApp} has open; for tests and metrics. */
export function openStreamCount(app: FastifyInstance): number {
  return hubs.get(app)?.size ?? 0;
}

const defaults = {
  ticketTtlSeconds: 4 * 60 * 60,
  sweepIntervalMs: 30_000,
  callTokenTtlSeconds: 600,
};

/**
 * Builds the balie server as a Fastify instance, ready for `inject()` or `listen()`. The store is
 * the caller's: it is opened before and closed after the app, so a restart can reuse it.
 */
export function buildApp(options: BalieServerOptions): FastifyInstance {
  const settings = { ...defaults, ...withoutUndefined(options) };
  const { db, livekit, config } = settings;
  const app = Fastify({ logger: settings.logger ?? false });
  const names = productNames(config);
  const hub = new QueueHub({ db, productNames: names, log: app.log });
  const rooms = createRoomCloser(livekit, app.log);
  const idleSockets = trackIdleSockets(app.server);
  hubs.set(app, hub);

  registerErrorHandling(app);
  registerCors(app, settings.allowedOrigins);
  // Answers with tickets, secrets and tokens must never land in a shared cache.
  app.addHook('onRequest', async function noStoreApi(request, reply) {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  // Event streams hold their connections open; end them first, or close() would wait forever.
  app.addHook('preClose', async function closeStreams() {
    hub.closeAll();
    idleSockets.destroy();
  });
  app.addHook('onClose', async function settleQueue() {
    await hub.idle();
  });

  app.register(publicRoutes, { config });
  app.register(ticketRoutes, {
    db,
    hub,
    rooms,
    livekit,
    productNames: names,
    ticketTtlSeconds: settings.ticketTtlSeconds,
    callTokenTtlSeconds: settings.callTokenTtlSeconds,
  });
  app.register(consoleRoutes, {
    db,
    hub,
    rooms,
    livekit,
    productNames: names,
    consoleAccessCode: settings.consoleAccessCode,
    callTokenTtlSeconds: settings.callTokenTtlSeconds,
  });
  app.register(consolePage, { livekitUrl: livekit.url });
  if (settings.staticDir) app.register(widgetStatic, { root: settings.staticDir });
  if (settings.identity) app.register(identityRoutes, { db, config, identity: settings.identity });
  app.register(sweep, { db, hub, intervalMs: settings.sweepIntervalMs });
  app.register(feedbackRoutes, { db });
  app.register(guestRoutes, { db, livekit, callTokenTtlSeconds: settings.callTokenTtlSeconds });
  return app;
}

// `{ ...defaults, ...options }` would let an explicit `undefined` erase a default.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
