import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { allRoutes, routeKey } from '../../protocol/routes/index.js';
import { ApiError } from './api-error.js';
import type {} from './route.js';

/** Requests allowed per client address per minute, by `METHOD /route` (see `routeKey`). */
export type RateLimits = Record<string, number>;

/**
 * Defaults, from the route descriptors: generous for a town hall's shared address, tight enough to
 * stop a script filling the queue or the agenda, or guessing the console access code.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = Object.fromEntries(
  allRoutes.filter((route) => route.rateLimit !== undefined).map((route) => [routeKey(route), route.rateLimit!]),
);

/** Options of {@link registerRateLimits}. */
export interface RateLimitOptions {
  /** The whole table, replacing the descriptors' limits (`{}`: none at all). Default: theirs. */
  limits?: RateLimits;
  /**
   * Counters shared by every instance on this Redis (`REDIS_URL`); default: this instance's memory.
   * `prefix` separates deployments sharing one Redis.
   */
  redis?: { url: string; prefix: string };
}

const WINDOW_MS = 60_000;

/**
 * A one-minute window per client address and route, with the limit of the route's descriptor
 * (`config.route.rateLimit`). On Redis the count is shared, so the limit holds across instances;
 * in memory each instance counts on its own. Behind a proxy, set `trustProxy` so `request.ip` is
 * the client's and not the proxy's.
 */
export function registerRateLimits(app: FastifyInstance, options: RateLimitOptions = {}): void {
  // Runs before @fastify/rate-limit's own onRoute hook, which reads `config.rateLimit`.
  app.addHook('onRoute', function limitFromDescriptor(routeOptions) {
    const route = routeOptions.config?.route;
    if (!route || routeOptions.method === 'OPTIONS') return;
    const max = options.limits ? options.limits[routeKey(route)] : route.rateLimit;
    if (max !== undefined) routeOptions.config = { ...routeOptions.config, rateLimit: { max, timeWindow: WINDOW_MS } };
  });
  const redis = options.redis && sharedCounters(app, options.redis.url);
  app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${options.redis!.prefix}:rate-limit:` } : {}),
    // A Redis outage must not close the citizen API: limits are off until it is back (the Redis
    // client logs the outage).
    skipOnError: true,
    errorResponseBuilder: (request, context) =>
      new ApiError(
        429,
        'rate_limited',
        `balie-server: more than ${context.max} requests a minute to ${request.method} ${request.routeOptions.url}; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
}

/**
 * The Redis connection of the counters. A count while Redis is down fails at once instead of
 * queueing (`skipOnError` then lets the request through); ioredis reconnects by itself.
 */
function sharedCounters(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, {
    connectionName: 'balie-rate-limit',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000),
  });
  // Without a listener, ioredis prints every failed reconnect attempt; log it once per outage.
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) app.log.warn({ err: error }, 'balie-rate-limit: lost Redis; rate limits are off until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) app.log.info('balie-rate-limit: Redis is back; rate limits hold again');
    down = false;
  });
  app.addHook('onClose', async function closeCounters() {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  });
  return redis;
}
