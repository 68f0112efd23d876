import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrate.js';

/**
 * The one door to storage. Deliberately the shape of node-postgres' `Pool` (`query` with `$1`
 * parameters), so a real Postgres can slot in behind it without touching a query (issue #7).
 */
export interface Db {
  /** Runs one statement with `$1`-style parameters. */
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * Runs a script of several statements without parameters, in one round trip. Only migrations
   * use it: PGlite's `query` (like pg's extended protocol) takes a single statement.
   */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link openStore}. */
export interface StoreOptions {
  /** Directory to persist the database in; in memory (lost on close) when absent. */
  dataDir?: string;
}

/**
 * Opens the embedded PGlite database and brings its schema up to date. Without `dataDir`
 * everything lives in memory, which is what tests want.
 */
export async function openStore(options: StoreOptions = {}): Promise<Db> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const db: Db = {
    query: <T>(sql: string, params?: unknown[]) => pglite.query<T>(sql, params),
    exec: async (sql) => {
      await pglite.exec(sql);
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
