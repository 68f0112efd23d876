import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { openPostgres } from './postgres.js';

/**
 * The one door to storage. Deliberately the shape of node-postgres' `Pool` (`query` with `$1`
 * parameters), so PGlite and a real Postgres answer the same queries (issue #7).
 */
export interface Db {
  /** Runs one statement with `$1`-style parameters. */
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * Runs a script of several statements without parameters, in one round trip. Only migrations
   * use it: PGlite's `query` (like pg's extended protocol) takes a single statement.
   */
  exec(sql: string): Promise<void>;
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

/** Options for {@link openStore}. */
export interface StoreOptions {
  /**
   * `postgres://…` of a real Postgres; several server instances may share it. When absent the
   * embedded PGlite is used, which serves one process only.
   */
  databaseUrl?: string;
  /** With `databaseUrl`: the schema to use (created when missing). Default `public`. */
  schema?: string;
  /** Without `databaseUrl`: directory PGlite persists in; in memory (lost on close) when absent. */
  dataDir?: string;
}

/**
 * Opens the store and brings its schema up to date: Postgres when `databaseUrl` is given, else the
 * embedded PGlite — in `dataDir`, or in memory, which is what tests want.
 */
export async function openStore(options: StoreOptions = {}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema ?? 'public');
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const db: Db = {
    query: <T>(sql: string, params?: unknown[]) => pglite.query<T>(sql, params),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    // In-process: there is no connection to lose, so `onReconnect` never runs.
    listen: (channel, listener) => pglite.listen(channel, listener),
    notify: async (channel, payload) => {
      await pglite.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pglite.close(),
  };
  try {
    await migrate(db);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return db;
}
