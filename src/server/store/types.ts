/**
 * What runs statements: the store itself, or one transaction of it (see {@link Db.transaction}).
 * Store functions that a state change calls inside a transaction take this, not the whole {@link Db}.
 */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters. */
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/**
 * The one door to storage. Deliberately the shape of node-postgres' `Pool` (`query` with `$1`
 * parameters), so PGlite and a real Postgres answer the same queries (issue #7).
 *
 * Its own module, apart from `openStore` and the drivers, so that the migrations and the drivers
 * can name it without importing the module that imports them.
 */
export interface Db extends Queryable {
  /**
   * Runs a script of several statements without parameters, in one round trip. Only migrations
   * use it: PGlite's `query` (like pg's extended protocol) takes a single statement.
   */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction, on one connection: committed when `work` resolves, rolled back
   * when it throws (the error is passed on). Inside, query through `tx` only: on PGlite the store
   * waits for the transaction, so a query on the store itself from `work` would wait forever.
   * Announce what changed after this resolves, not inside: others must not read before the commit.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` with the payload of every notification on `channel`, from any connection to
   * this database — with Postgres, from every server instance. When the listening connection was
   * lost and is back (Postgres restarted, connection killed), calls `onReconnect`: notifications
   * sent in the gap are lost, so the caller re-reads what it follows. Resolves to the unsubscribe.
   */
  listen(
    channel: string,
    listener: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  /** Sends `payload` to every listener on `channel` (Postgres `pg_notify`). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}
