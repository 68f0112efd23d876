import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { QUEUE_CHANNEL, type QueueBus } from './queue-bus.js';

/** Options of {@link redisQueueBus}. */
export interface RedisBusOptions {
  /** `redis://host:6379/0` (or `rediss://` for TLS). */
  url: string;
  /**
   * Channel name; deployments (or test files) sharing one Redis must each have their own.
   * Default {@link QUEUE_CHANNEL}.
   */
  channel?: string;
  log: FastifyBaseLogger;
}

// ioredis reconnects by itself; this spaces the attempts out (ms) so a Redis restart is not met
// with a storm of connects, but a short blip is over in a fraction of a second.
const retryStrategy = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);

// Also part of the connections' names, which may not contain spaces.
const CHANNEL_NAME = /^[A-Za-z0-9_:.-]{1,100}$/;

/**
 * Queue fan-out over Redis pub/sub (issue #7), for when `REDIS_URL` is set: a subscriber
 * connection (a connection in subscribe mode can do nothing else) and a publisher. Both reconnect
 * with backoff; after the subscriber is back, {@link QueueBus.subscribe}'s `onResubscribed` runs
 * once the channel is subscribed again, so nothing published after that point is missed.
 */
export function redisQueueBus(options: RedisBusOptions): QueueBus {
  const channel = options.channel ?? QUEUE_CHANNEL;
  if (!CHANNEL_NAME.test(channel)) {
    throw new Error(`balie-redis: channel "${channel}" must be 1–100 letters, digits, _ : . or -`);
  }
  const common = { retryStrategy, lazyConnect: true };
  // A publish while Redis is down fails at once (logged by the hub) instead of queueing: the
  // resubscribed instances refresh anyway.
  const publisher = new Redis(options.url, {
    ...common,
    connectionName: `balie-pub:${channel}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Named, so an operator (or a test) finds it in CLIENT LIST.
  const subscriber = new Redis(options.url, {
    ...common,
    connectionName: `balie-sub:${channel}`,
    autoResubscribe: false,
  });
  for (const [role, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // Without a listener, ioredis prints every failed reconnect attempt; log it once per change.
    let down = false;
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      options.log.warn({ err: error }, `balie-redis: ${role} lost its connection; reconnecting`);
    });
    client.on('ready', () => {
      if (down) options.log.info(`balie-redis: ${role} connected again`);
      down = false;
    });
  }
  // Checked where it is awaited: a server told to use Redis does not start without it.
  const connected = Promise.all([publisher.connect(), subscriber.connect()]).then(
    () => undefined,
    (error: unknown) => {
      throw new Error(`balie-redis: cannot reach Redis at REDIS_URL: ${(error as Error).message}`, {
        cause: error,
      });
    },
  );
  connected.catch(() => undefined);

  return {
    kind: 'redis',
    async publish(payload) {
      await connected;
      await publisher.publish(channel, payload);
    },
    async subscribe(onMessage, onResubscribed) {
      await connected;
      const onChannelMessage = (from: string, payload: string) => {
        if (from === channel) onMessage(payload);
      };
      let first = true;
      const onReady = () => {
        if (first) return;
        subscriber.subscribe(channel).then(onResubscribed, (error: unknown) =>
          options.log.error({ err: error }, 'balie-redis: could not subscribe again'),
        );
      };
      subscriber.on('message', onChannelMessage);
      subscriber.on('ready', onReady);
      await subscriber.subscribe(channel);
      first = false;
      return async () => {
        subscriber.off('message', onChannelMessage);
        subscriber.off('ready', onReady);
        if (subscriber.status === 'ready') await subscriber.unsubscribe(channel);
      };
    },
    async close() {
      // quit() waits for replies in flight; disconnect() for a client that is not connected.
      await Promise.all(
        [publisher, subscriber].map((client) =>
          client.status === 'ready' ? client.quit().then(() => undefined) : client.disconnect(),
        ),
      );
    },
  };
}
