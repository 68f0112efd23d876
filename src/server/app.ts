import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_HOLD_MINUTES, type BalieConfig } from '../protocol/index.js';
import { registerErrorHandling } from './http/api-error.js';
import type { LivekitOptions } from './call/call-tokens.js';
import { consolePage } from './console/console-page.js';
import { requireEmployee } from './console/console-session.js';
import { consoleRoutes } from './console/console-routes.js';
import type { EmployeeLoginOptions } from './console/employee-login.js';
import { registerCors } from './http/cors.js';
import { trackIdleSockets } from './http/idle-sockets.js';
import { feedbackRoutes } from './tickets/feedback-routes.js';
import { guestRoutes } from './guests/guest-routes.js';
import { createRoomCloser } from './call/livekit-rooms.js';
import { livekitWebhook } from './call/livekit-webhook.js';
import { livekitNodes } from './call/livekit-nodes.js';
import { registerRateLimits, type RateLimits } from './http/rate-limit.js';
import { registerRouteGuards } from './http/route.js';
import { healthRoutes } from './http/health-routes.js';
import { withLogRedaction } from './http/log-redaction.js';
import { registerPageSecurity } from './http/page-security.js';
import { publicRoutes } from './http/public-routes.js';
import { QueueHub } from './queue/queue-hub.js';
import { redisQueueBus } from './queue/redis-queue-bus.js';
import type { Db } from './store/index.js';
import {
  DEFAULT_RETENTION_PERIODS,
  retention,
  type RetentionPeriods,
} from './retention/index.js';
import { sweep } from './tickets/sweep.js';
import { ticketRoutes } from './tickets/ticket-routes.js';
import { createTicketService } from './tickets/ticket-service.js';
import { productNames } from './tickets/views.js';
import { widgetStatic } from './http/widget-static.js';
import { identityRoutes, jwksRoute, publishedJwks, registerCitizenCookie, type IdentityOptions } from './identity/index.js';
import { DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from './http/session-lifetimes.js';
import { bookingRoutes, manageRoutes, manageSecrets } from './booking/index.js';
import { bookingMail, MailOutbox, type MailOptions } from './mail/index.js';
import { createAppointmentBackends, type CaldavCredentials } from './appointments/index.js';
import { logSmsProvider, reminders, secretSeal, type SmsProvider } from './reminders/index.js';
import { confirmPaidBookingMail, paymentReceipts } from './payments/payment-receipt.js';
import { paymentRoutes } from './payments/payment-routes.js';
import type { PaymentProvider } from './payments/payment-provider.js';
import { documentRoutes } from './documents/document-routes.js';
import { documentCrypto } from './documents/document-crypto.js';
import { clamdScanner, type ClamdOptions, type VirusScanner } from './documents/clamd-scanner.js';
import type { DocumentSink } from './documents/document-sink.js';
import type { DocumentContentStore } from './documents/document-content.js';

/** Everything the balie server needs; see {@link buildApp}. */
export interface BalieServerOptions {
  /** The municipality's configuration, already validated with `balieConfigSchema`. */
  config: BalieConfig;
  db: Db;
  livekit: LivekitOptions;
  /** Origins (e.g. `https://www.voorbeeldstad.nl`) whose pages may call the citizen API. */
  allowedOrigins: string[];
  /**
   * Development fallback: a shared code that signs in to the console as `medewerker`. Leave it out
   * in production and configure {@link BalieServerOptions.employeeLogin}.
   */
  consoleAccessCode?: string;
  /** The municipality's OpenID Connect provider where employees sign in (issue #6). */
  employeeLogin?: EmployeeLoginOptions;
  /** The built widget (`dist/`), served at `/widget/`; not served when absent. */
  staticDir?: string;
  /** DigiD and other OIDC providers; the `/api/identity/` routes exist only when set. */
  identity?: IdentityOptions;
  /** How long a ticket may wait before it expires. Default 4 hours. */
  ticketTtlSeconds?: number;
  /** How often expired tickets are ended. Default 30 seconds. */
  sweepIntervalMs?: number;
  /** How long personal data is kept, per kind; see `DEFAULT_RETENTION_PERIODS`. */
  retention?: Partial<RetentionPeriods>;
  /** How often the retention purge runs. Default 1 hour. */
  retentionIntervalMs?: number;
  /**
   * How often, while event streams are open, the server checks that its database answers, so
   * citizens and employees hear at once when it does not (and when it is back). Default 5 s.
   */
  storeCheckIntervalMs?: number;
  /** Lifetime of a LiveKit token for joining (not of the call itself). Default 10 minutes. */
  callTokenTtlSeconds?: number;
  /** Passed to Fastify. Default off. */
  logger?: FastifyServerOptions['logger'];
  /**
   * Trust `X-Forwarded-*` from a TLS-terminating reverse proxy (Fastify's `trustProxy`: `true`,
   * a hop count, or the proxy's addresses), so logs show the client's address and the request's
   * protocol is the client's. Default off: without a proxy these headers are the client's lies.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Largest request body accepted, in bytes; larger ones get a 413. Default 16 KiB. */
  bodyLimit?: number;
  /**
   * Requests per client address per minute, by `METHOD /route`: the whole table, replacing the
   * route descriptors' limits (`{}` turns them off). Default: the descriptors'; see
   * `DEFAULT_RATE_LIMITS`. Counted in Redis when {@link BalieServerOptions.redis} is set.
   */
  rateLimits?: RateLimits;
  /**
   * Queue changes between instances over Redis pub/sub instead of Postgres LISTEN/NOTIFY
   * (`REDIS_URL`), and rate limit counters shared by all instances. `channel` separates
   * deployments sharing one Redis; default `balie_queue`.
   */
  redis?: { url: string; channel?: string };
  /** SMTP for booking mail (confirmation, move, cancel). Without it mail is off, and the log says so. */
  mail?: MailOptions;
  /**
   * The balie's account on the CalDAV server of the config's `appointmentBackends`
   * (`BALIE_CALDAV_USERNAME`, `BALIE_CALDAV_PASSWORD`). Without it, requests go unauthenticated.
   */
  caldavCredentials?: CaldavCredentials;
  /** Where the text reminder an hour before goes. Default: the log (no phone network). */
  sms?: SmsProvider;
  /** How often due reminders are looked for. Default 1 minute. */
  reminderIntervalMs?: number;
  /** Idle and absolute lifetimes of citizens' and employees' sessions; see `DEFAULT_SESSION_LIFETIMES`. */
  sessions?: Partial<SessionLifetimes>;
  /**
   * Payments in the call (issue 16): the provider (`BALIE_MOLLIE_*`) and this server's public URL
   * for its webhook and return page. The routes exist only with this and the config's `payments`.
   */
  payments?: { provider: PaymentProvider; publicUrl: string };
  /** Documents in the call (issue 15); see {@link DocumentOptions}. The routes always exist. */
  documents?: DocumentOptions;
}

/** How documents in the call are checked, kept and handed on. */
export interface DocumentOptions {
  /**
   * clamd (`BALIE_CLAMD`: a Unix socket's path or `tcp://host:port`), or a scanner of one's own.
   * Without it PDFs are refused; photos are re-encoded, which needs no scanner.
   */
  scanner?: ClamdOptions | VirusScanner;
  /**
   * The server key that seals every document's own key (`BALIE_DOCUMENT_KEY`). Default: derived
   * from the LiveKit API secret, like the other seals; rotating that then makes stored documents
   * unreadable (they are short-lived anyway).
   */
  key?: string;
  /** Where a checked document goes besides the call. Default: download only. */
  sink?: DocumentSink;
  /** Where the encrypted content lives. Default: the database. */
  content?: DocumentContentStore;
}

const hubs = new WeakMap<FastifyInstance, QueueHub>();

/** How many event streams an app built by {@link buildApp} has open; for tests and metrics. */
export function openStreamCount(app: FastifyInstance): number {
  return hubs.get(app)?.size ?? 0;
}

const defaults = {
  ticketTtlSeconds: 4 * 60 * 60,
  sweepIntervalMs: 30_000,
  retentionIntervalMs: 60 * 60_000,
  reminderIntervalMs: 60_000,
  callTokenTtlSeconds: 600,
  // Every body this API takes is a small JSON object; a large one is a mistake or an attack.
  bodyLimit: 16 * 1024,
};

/**
 * Builds the balie server as a Fastify instance, ready for `inject()` or `listen()`. The store is
 * the caller's: it is opened before and closed after the app, so a restart can reuse it.
 */
export function buildApp(options: BalieServerOptions): FastifyInstance {
  const settings = { ...defaults, ...withoutUndefined(options) };
  const { db, config } = settings;
  const app = Fastify({
    logger: withLogRedaction(settings.logger),
    trustProxy: settings.trustProxy ?? false,
    bodyLimit: settings.bodyLimit,
    genReqId: requestId,
  });
  // With several LiveKit nodes and no load balancer, each participant is sent to one that answers.
  const nodes = livekitNodes(settings.livekit.urls ?? [settings.livekit.url], { log: app.log });
  const livekit: LivekitOptions = { ...settings.livekit, pickUrl: nodes.pick };
  app.addHook('onClose', async function stopProbingLivekit() {
    nodes.stop();
  });
  // Log lines and the answer carry the same id, so a citizen's "it failed" can be found in the log.
  app.addHook('onRequest', async function echoRequestId(request, reply) {
    reply.header('x-request-id', request.id);
  });
  const names = productNames(config);
  const bus = settings.redis ? redisQueueBus({ ...settings.redis, log: app.log }) : undefined;
  const hub = new QueueHub({
    db,
    productNames: names,
    log: app.log,
    bus,
    storeCheckIntervalMs: settings.storeCheckIntervalMs,
  });
  const tickets = createTicketService({ db, hub, rooms: createRoomCloser(livekit, app.log, undefined, nodes.apiUrl) });
  const idleSockets = trackIdleSockets(app.server);
  hubs.set(app, hub);

  registerErrorHandling(app);
  registerCors(app, settings.allowedOrigins);
  registerCitizenCookie(app, settings.allowedOrigins);
  registerRateLimits(app, {
    limits: settings.rateLimits,
    redis: settings.redis && { url: settings.redis.url, prefix: settings.redis.channel ?? 'balie' },
  });
  registerRouteGuards(app, { employee: requireEmployee(db), beheerder: requireEmployee(db, 'beheerder') });
  registerPageSecurity(app, nodes.urls);
  // Answers with tickets, secrets and tokens must never land in a shared cache.
  app.addHook('onRequest', async function noStoreApi(request, reply) {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  // Event streams hold their connections open; end them first, or close() would wait forever.
  app.addHook('preClose', async function closeStreams() {
    hub.closeAll();
    idleSockets.destroy();
  });
  // Other instances' changes reach this one's streams (see QueueHub).
  app.addHook('onReady', async function hearOtherInstances() {
    await hub.start();
  });
  app.addHook('onClose', async function settleQueue() {
    await hub.stop();
    await hub.idle();
  });

  const outbox = settings.mail ? new MailOutbox(db, settings.mail, app.log) : undefined;
  app.addHook('onReady', async function startMail() {
    if (outbox) outbox.start();
    else app.log.info('balie-mail: no SMTP_URL, so mail is off: bookings get no confirmation mail');
  });
  app.addHook('onClose', async function stopMail() {
    await outbox?.stop();
  });
  const mail = outbox ? bookingMail(outbox, config) : undefined;
  const now = () => Date.now();
  const appointments = createAppointmentBackends({ db, config, caldavCredentials: settings.caldavCredentials, log: app.log });
  // The one secret every balie server has; the seal's own key is derived from it (see secret-seal.ts).
  const seal = secretSeal(livekit.apiSecret);
  const manageSecretFor = manageSecrets(livekit.apiSecret);
  const sessions = { ...DEFAULT_SESSION_LIFETIMES, ...withoutUndefined(settings.sessions ?? {}) };

  app.register(publicRoutes, { config });
  app.register(bookingRoutes, {
    db,
    config,
    allowedOrigins: settings.allowedOrigins,
    returnUrls: [...(config.identity?.returnUrls ?? []), ...(settings.identity?.returnUrlAllowlist ?? [])],
    mail,
    appointments,
    manageSecretFor,
    seal,
    now,
    ...(settings.payments && config.payments ? { holdMinutes: config.payments.holdMinutes ?? DEFAULT_HOLD_MINUTES } : {}),
  });
  app.register(manageRoutes, { db, config, tickets, ticketTtlSeconds: settings.ticketTtlSeconds, mail, appointments, now });
  app.register(ticketRoutes, {
    db,
    hub,
    tickets,
    livekit,
    productNames: names,
    config,
    now,
    ticketTtlSeconds: settings.ticketTtlSeconds,
    callTokenTtlSeconds: settings.callTokenTtlSeconds,
  });
  app.register(consoleRoutes, {
    db,
    hub,
    tickets,
    livekit,
    config,
    productNames: names,
    consoleAccessCode: settings.consoleAccessCode,
    employeeLogin: settings.employeeLogin,
    callTokenTtlSeconds: settings.callTokenTtlSeconds,
    appointments,
    sessions,
  });
  app.register(consolePage, { livekitUrl: nodes.urls });
  if (settings.staticDir) app.register(widgetStatic, { root: settings.staticDir });
  if (settings.identity) app.register(identityRoutes, { db, config, identity: settings.identity, sessions });
  // With identity on, the key set is always there (empty without private_key_jwt or encryption):
  // a broker configured ahead of the keys gets an empty set, not a 404.
  if (settings.identity) app.register(jwksRoute, { jwks: publishedJwks(settings.identity) });
  app.register(sweep, { db, hub, tickets, intervalMs: settings.sweepIntervalMs, appointments });
  app.register(reminders, {
    db,
    config,
    outbox,
    sms: settings.sms ?? logSmsProvider(app.log),
    seal,
    intervalMs: settings.reminderIntervalMs,
    now,
  });
  const retentionPeriods = {
    ...DEFAULT_RETENTION_PERIODS,
    ...(config.privacy ? { bookingDays: config.privacy.keepDays } : {}),
    ...withoutUndefined(settings.retention ?? {}),
  };
  app.register(retention, {
    db,
    periods: retentionPeriods,
    intervalMs: settings.retentionIntervalMs,
  });
  app.register(livekitWebhook, { db, tickets, livekit });
  app.register(healthRoutes, { db });
  app.register(feedbackRoutes, { db });
  app.register(guestRoutes, { db, livekit, callTokenTtlSeconds: settings.callTokenTtlSeconds });
  const documents = settings.documents ?? {};
  const scanner = documents.scanner && ('scan' in documents.scanner ? documents.scanner : clamdScanner(documents.scanner));
  app.register(documentRoutes, {
    db,
    config,
    crypto: documentCrypto(documents.key ?? livekit.apiSecret),
    scanner,
    sink: documents.sink,
    content: documents.content,
    documentDays: retentionPeriods.documentDays,
    announce: (added) => hub.documentAdded(added),
  });
  if (!scanner) {
    app.addHook('onReady', async function sayPdfsOff() {
      app.log.info('balie-documents: no BALIE_CLAMD, so PDF files are refused in calls; photos can be sent');
    });
  }
  const paymentsConfig = config.payments;
  if (settings.payments && paymentsConfig) {
    app.register(paymentRoutes, {
      db,
      config: { ...config, payments: paymentsConfig },
      ...settings.payments,
      announce: (payment) => {
        if (payment.ticketId) hub.paymentChanged({ ticketId: payment.ticketId, id: payment.id, status: payment.status });
      },
      ...(outbox ? { paid: paymentReceipts(db, outbox, config) } : {}),
      ...(mail ? { bookingConfirmed: confirmPaidBookingMail(db, mail, manageSecretFor) } : {}),
      holdSweepIntervalMs: settings.sweepIntervalMs,
    });
  } else if (paymentsConfig) {
    app.addHook('onReady', async function saySo() {
      app.log.warn('balie-payments: the config has "payments" but no BALIE_MOLLIE_API_KEY is set, so payments are off');
    });
  }
  return app;
}

// A proxy's `X-Request-Id` is kept when it looks like an id; anything else is replaced, so a client
// cannot put arbitrary text into every log line.
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

// `{ ...defaults, ...options }` would let an explicit `undefined` erase a default.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
