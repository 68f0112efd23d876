import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { BalieConfig } from '../../src/protocol/index.js';
import { round } from './support/stats.js';
import { startWorker, type Worker } from './support/worker.js';

const serverScript = fileURLToPath(new URL('./waiting/server-process.ts', import.meta.url));
const loadScript = fileURLToPath(new URL('./waiting/load-process.ts', import.meta.url));

/** Bookings per second on one store, and how many slots ended up booked more than once. */
export interface BookingRate {
  store: 'pglite' | 'postgres';
  perSecond: number | null;
  /** Live bookings beyond a slot's desks, or two on one desk: must be 0. */
  doubleBookings: number | null;
  /** Attempts answered 409 slot_taken (three clients aim at each slot on purpose). */
  taken: number;
  errors: number;
  note?: string;
}

const allDay = ['00:00-24:00'];
// Enough slots that 50 clients never run out in a run: every 5 minutes, day and night, 90 days.
const benchConfig: BalieConfig = {
  municipality: { name: 'Gemeente Bench' },
  products: [{ id: 'zaal-huren', name: 'Zaal huren', durationMinutes: 5 }],
  openingHours: {
    timeZone: 'Europe/Amsterdam',
    appointments: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    desks: 2,
    daysAhead: 90,
  },
};
const ORIGIN = 'https://www.bench.example';

type Booked = { booked: number; taken: number; errors: number; firstError?: string; ms: number };

/**
 * A balie server in a process of its own (see waiting/server-process.ts, `serverEnv` for it) and a
 * load generator in another, pointed at it; `stop` ends both.
 */
export async function serverWithLoad(serverEnv: Record<string, string>, serverNodeArgs?: string[]): Promise<{ server: Worker; load: Worker; stop(): Promise<void> }> {
  const workers: Worker[] = [];
  const stop = () => Promise.all(workers.map((worker) => worker.stop())).then(() => undefined);
  try {
    const server = await startWorker(serverScript, serverEnv, serverNodeArgs);
    workers.push(server);
    const load = await startWorker(loadScript, { BENCH_SERVER_URL: String(server.hello.url) });
    workers.push(load);
    return { server, load, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * 50 clients book over HTTP as fast as answers come for `durationMs` (after a 1 s warm-up),
 * three clients per slot so the database constraint is contended all the time. The server runs
 * in a process of its own, rate limits off, and the clients in another, as in the waiting-room
 * benchmark: the number is the booking path's, not the limiter's or the load generator's.
 */
export async function bookingRate(durationMs: number, concurrency: number, databaseUrl?: string): Promise<BookingRate> {
  const store = databaseUrl ? 'postgres' : 'pglite';
  const { server, load, stop } = await serverWithLoad(
    {
      BENCH_CONFIG: JSON.stringify(benchConfig),
      BENCH_ALLOWED_ORIGINS: ORIGIN,
      ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl, BENCH_DATABASE_SCHEMA: `bench_booking_${randomBytes(4).toString('hex')}`, BENCH_DROP_SCHEMA: '1' } : {}),
    },
    process.env.BENCH_BOOKING_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
  );
  try {
    const book = (ms: number) =>
      load.request<Booked>({ cmd: 'bookings', durationMs: ms, concurrency, product: 'zaal-huren', pageUrl: `${ORIGIN}/afspraak` }, ms + 60_000);
    await book(1_000);
    const rate = await book(durationMs);
    const { doubleBookings } = await server.request<{ doubleBookings: number }>({ cmd: 'doubleBookings' }, 30_000);
    return {
      store,
      perSecond: round(rate.booked / (rate.ms / 1000)),
      doubleBookings,
      taken: rate.taken,
      errors: rate.errors,
      ...(rate.firstError ? { note: `first error: ${rate.firstError}` } : {}),
    };
  } finally {
    await stop();
  }
}
