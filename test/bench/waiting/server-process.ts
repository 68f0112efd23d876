/**
 * The balie server alone in a process, for the waiting-room, ticket and booking benchmarks:
 * PGlite in memory (or, with BENCH_DATABASE_URL, a fresh schema on that Postgres), no
 * LiveKit needed — waiting tickets never reach it. Prints `{"url": …}` once listening; answers
 * `memory` (after two full GCs), `streams` and `doubleBookings`. BENCH_CONFIG (JSON) replaces
 * the e2e config, BENCH_ALLOWED_ORIGINS (comma separated) the empty list of citizen origins.
 *
 * Several instances of one deployment (issue 19): BENCH_DATABASE_SCHEMA names the schema they
 * share (the first creates it; only the one with BENCH_DROP_SCHEMA=1 drops it at the end), and
 * BENCH_REDIS_URL with BENCH_REDIS_CHANNEL carries queue changes between them over Redis.
 */
import { fileURLToPath } from 'node:url';
import { openStreamCount } from '../../../src/server/app.js';
import { loadConfigFile } from '../../../src/server/env.js';
import { startServer } from '../../../src/server/main.js';
import * as store from '../../../src/server/store/index.js';
import { sayReady, serveRequests } from '../support/worker.js';

const configFile = fileURLToPath(new URL('../../../demo/config/e2e-skeleton.json', import.meta.url));
const databaseUrl = process.env.BENCH_DATABASE_URL;
// A schema of its own on Postgres, dropped at the end: the database may be shared with tests.
const schema = process.env.BENCH_DATABASE_SCHEMA || `bench_${process.pid}_${Date.now().toString(36)}`;
const dropSchema = !process.env.BENCH_DATABASE_SCHEMA || process.env.BENCH_DROP_SCHEMA === '1';
const redisUrl = process.env.BENCH_REDIS_URL;
const db = await store.openStore(databaseUrl ? { databaseUrl, schema } : {});
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  config: process.env.BENCH_CONFIG ? JSON.parse(process.env.BENCH_CONFIG) : await loadConfigFile(configFile),
  db,
  // Never contacted: only admitted tickets have rooms.
  livekit: { url: 'ws://127.0.0.1:9', apiKey: 'bench', apiSecret: 'bench-secret-that-is-long-enough-0123456789' },
  allowedOrigins: process.env.BENCH_ALLOWED_ORIGINS?.split(',').filter(Boolean) ?? [],
  consoleAccessCode: 'bench',
  // Every simulated citizen comes from 127.0.0.1: the per-address limit would stop the load at 20
  // tickets. What is measured here is the queue, not the limiter.
  rateLimits: {},
  logger: false,
  ...(redisUrl ? { redis: { url: redisUrl, channel: process.env.BENCH_REDIS_CHANNEL || undefined } } : {}),
});
const gc = (globalThis as { gc?: () => void }).gc;

serveRequests(
  async (message) => {
    if (message.cmd === 'memory') {
      gc?.();
      gc?.();
      return { ...process.memoryUsage() };
    }
    if (message.cmd === 'streams') return { streams: openStreamCount(server.app) };
    if (message.cmd === 'doubleBookings') return { doubleBookings: await countDoubleBookings() };
    throw new Error(`unknown command ${message.cmd}`);
  },
  async () => {
    await server.close();
    if (databaseUrl && dropSchema) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  },
);
/** Live bookings beyond a slot's desks (2 in the booking bench), plus two on one desk: must be 0. */
async function countDoubleBookings(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT coalesce(sum(n - 2), 0) FROM (SELECT count(*) AS n FROM booking WHERE state <> 'cancelled'
              GROUP BY product, slot_start HAVING count(*) > 2) over_desks)
          + (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM booking WHERE state <> 'cancelled'
              GROUP BY product, slot_start, desk HAVING count(*) > 1) same_desk) AS n`,
  );
  return Number(rows[0]!.n);
}

sayReady({ url: server.url, store: databaseUrl ? 'postgres' : 'pglite' });
