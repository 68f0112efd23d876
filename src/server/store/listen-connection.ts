import pg from 'pg';

/**
 * `application_name` of the LISTEN connection, so an operator (or a test) can find it in
 * `pg_stat_activity`.
 */
export const LISTEN_APPLICATION_NAME = 'balie-listen';

/** First wait before reconnecting, doubled per failed attempt up to {@link MAX_BACKOFF_MS}. */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

interface Subscriber {
  onNotification(payload: string): void;
  onReconnect?: () => void;
}

/** The long-lived connection that holds this instance's `LISTEN`s; see {@link openListenConnection}. */
export interface ListenConnection {
  /** Listens on `channel` (already schema-qualified); resolves to the unsubscribe. */
  listen(
    channel: string,
    onNotification: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Notifications need a connection of their own: a pooled one would be handed back and its
 * `LISTEN` lost. It is opened at the first `listen`. When it dies — Postgres restarted, a
 * failover, `pg_terminate_backend`, a proxy's idle timeout — it is reopened with exponential
 * backoff, every channel is listened to again, and then each subscriber's `onReconnect` runs:
 * whatever was notified in the gap is lost, so subscribers re-read the state they follow.
 */
export function openListenConnection(connection: pg.ClientConfig): ListenConnection {
  const channels = new Map<string, Set<Subscriber>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let wakeRetry: (() => void) | undefined;

  async function connect(): Promise<pg.Client> {
    const fresh = new pg.Client({
      ...connection,
      application_name: LISTEN_APPLICATION_NAME,
      // A blackholed database must fail an attempt, not hang it; TCP keep-alive notices a peer
      // that vanished without closing the connection (this one is idle for hours otherwise).
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    // 'error' comes before 'end' when the server kills the connection; either means it is gone.
    fresh.on('error', () => lost(fresh));
    fresh.on('end', () => lost(fresh));
    fresh.on('notification', ({ channel, payload }) => {
      for (const subscriber of channels.get(channel) ?? []) subscriber.onNotification(payload ?? '');
    });
    try {
      await fresh.connect();
      for (const channel of channels.keys()) {
        await fresh.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
    } catch (error) {
      await fresh.end().catch(() => undefined);
      throw error;
    }
    return fresh;
  }

  function lost(dead: pg.Client): void {
    if (dead !== client || closed) return;
    client = undefined;
    connecting = reconnect();
    connecting.catch(() => undefined);
  }

  async function reconnect(): Promise<pg.Client> {
    for (let attempt = 0; ; attempt += 1) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(FIRST_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS));
        timer.unref();
        wakeRetry = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeRetry = undefined;
      if (closed) throw new Error('balie-store: closed while reconnecting the LISTEN connection');
      try {
        client = await connect();
      } catch {
        continue;
      }
      connecting = undefined;
      for (const subscribers of channels.values()) {
        for (const subscriber of subscribers) subscriber.onReconnect?.();
      }
      return client;
    }
  }

  async function current(): Promise<pg.Client> {
    if (client) return client;
    connecting ??= connect().then(
      async (fresh) => {
        connecting = undefined;
        if (closed) {
          await fresh.end();
          throw new Error('balie-store: closed while opening the LISTEN connection');
        }
        client = fresh;
        return fresh;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  }

  return {
    async listen(channel, onNotification, onReconnect) {
      const subscriber: Subscriber = { onNotification, onReconnect };
      let subscribers = channels.get(channel);
      if (!subscribers) {
        channels.set(channel, (subscribers = new Set()));
        try {
          await (await current()).query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          channels.delete(channel);
          throw error;
        }
      }
      subscribers.add(subscriber);
      return async () => {
        subscribers.delete(subscriber);
      };
    },
    async close() {
      closed = true;
      wakeRetry?.();
      const open = client;
      client = undefined;
      await open?.end();
    },
  };
}
