import pg from 'pg';
import type { Db, Queryable } from './types.js';
import { openListenConnection } from './listen-connection.js';
import { migrate } from './migrate.js';

/**
 * Key of the advisory lock held while migrating ("bali" in ASCII): two instances starting at once
 * must not both apply a migration; the second waits, then finds nothing left to do.
 */
export const MIGRATION_LOCK_KEY = 0x62616c69;

// Spliced into SQL as an identifier, so its shape is checked, not trusted.
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a node-postgres pool behind the {@link Db} interface, every connection on `schema`
 * (search_path), and migrates under {@link MIGRATION_LOCK_KEY}.
 *
 * Notifications get their own long-lived connection that reconnects by itself (see
 * {@link openListenConnection}). Channels are qualified by the schema, so deployments (or test files) sharing one
 * database do not hear each other.
 */
export async function openPostgres(databaseUrl: string, schema: string): Promise<Db> {
  if (!schemaName.test(schema)) {
    throw new Error(`balie-store: schema "${schema}" must be a plain lower-case identifier`);
  }
  const qualified = (channel: string) => `${schema}.${channel}`;
  const connection = { connectionString: databaseUrl, options: `-c search_path=${schema}` };
  // A dead or blackholed database must answer a request within seconds (a 503), not hang it.
  const pool = new pg.Pool({ ...connection, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle pooled connection that dies (Postgres restarted) must not crash the process; the next
  // query gets a fresh connection or a clear error.
  pool.on('error', () => undefined);
  const listener = openListenConnection(connection);

  const db: Db = {
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await pool.query(sql, params);
      return { rows: result.rows as T[] };
    },
    exec: async (sql) => {
      // Without parameters pg uses the simple protocol: a whole script, on one connection.
      await pool.query(sql);
    },
    transaction: (work) => inTransaction(pool, work),
    listen: (channel, onNotification, onReconnect) =>
      listener.listen(qualified(channel), onNotification, onReconnect),
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [qualified(channel), payload]);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };

  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        // Under the lock too: CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent twin.
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
        await migrate(onOneConnection(client));
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

/**
 * Runs `work` between BEGIN and COMMIT on one pooled connection. A connection whose ROLLBACK fails
 * is broken (the database went away mid-transaction): it is destroyed, not returned to the pool.
 */
async function inTransaction<T>(pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const value = await work(queriesOn(client));
    await client.query('COMMIT');
    client.release();
    return value;
  } catch (error) {
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(!rolledBack);
    throw error;
  }
}

function queriesOn(client: pg.PoolClient): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => ({
      rows: (await client.query(sql, params)).rows as T[],
    }),
  };
}

/** The migration's view of one checked-out connection, which holds the advisory lock. */
function onOneConnection(client: pg.PoolClient): Db {
  const unsupported = () => Promise.reject(new Error('balie-store: not while migrating'));
  return {
    ...queriesOn(client),
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: unsupported,
    listen: unsupported,
    notify: unsupported,
    close: async () => undefined,
  };
}
