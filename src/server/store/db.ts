import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrate.js';
import { openPostgres } from './postgres.js';
import type { Db } from './types.js';

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
    // PGlite rolls back when the callback throws, and passes the error on.
    transaction: (work) =>
      pglite.transaction((tx) => work({ query: <T>(sql: string, params?: unknown[]) => tx.query<T>(sql, params) })),
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
