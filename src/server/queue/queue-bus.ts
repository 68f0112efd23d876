import type { Db } from '../store/index.js';

/** The notification channel on which instances announce queue changes (Postgres or Redis). */
export const QUEUE_CHANNEL = 'balie_queue';

/**
 * How server instances tell each other "the queue changed". Only the fact travels, never state:
 * every instance reads the queue itself from the shared database (issue #7: no state lives only
 * in one instance's memory, and a lost message costs a refresh, not data).
 */
export interface QueueBus {
  /** Which transport, for logs and health: `postgres` (LISTEN/NOTIFY) or `redis` (pub/sub). */
  readonly kind: 'postgres' | 'redis';
  /** Announces a change to every subscriber, this instance's own included. */
  publish(payload: string): Promise<void>;
  /**
   * Calls `onMessage` with every payload published by any instance. When the subscription was
   * lost (database or Redis restarted, connection killed) and has come back, calls
   * `onResubscribed`: messages sent in the gap are lost, so the subscriber must refresh
   * everything. Resolves, once subscribed, to the unsubscribe.
   */
  subscribe(
    onMessage: (payload: string) => void,
    onResubscribed: () => void,
  ): Promise<() => Promise<void>>;
  /** Releases the connections the bus itself opened (not the database's). */
  close(): Promise<void>;
}

/**
 * The default bus: Postgres `LISTEN/NOTIFY` through the store (PGlite's in-process equivalent when
 * there is no Postgres), on {@link QUEUE_CHANNEL} qualified by the store's schema.
 */
export function databaseQueueBus(db: Db): QueueBus {
  return {
    kind: 'postgres',
    publish: (payload) => db.notify(QUEUE_CHANNEL, payload),
    subscribe: (onMessage, onResubscribed) => db.listen(QUEUE_CHANNEL, onMessage, onResubscribed),
    close: async () => undefined,
  };
}
