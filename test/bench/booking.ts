import { round } from './support/stats.js';
import { bookingRate, serverWithLoad, type BookingRate } from './booking-rate.js';

/** Where CI's Postgres is (test/server/helpers.ts); used when nothing else is named. */
const DEFAULT_DATABASE_URL = 'postgres://root@127.0.0.1:5432/test';

/** Ticket creation on one store: the stand-in for booking until issue #4. */
export interface TicketRate {
  store: 'pglite' | 'postgres';
  perSecond: number | null;
  errors: number;
  note?: string;
}

export interface BookingResult {
  /** Bookings per second over HTTP on PGlite (the default store). */
  perSecond: number | null;
  /** Double bookings over every store measured; must be 0. */
  doubleBookings: number | null;
  concurrency: number;
  bookings: BookingRate[];
  ticketCreation: TicketRate[];
}

const CONCURRENCY = 50;

/** 50 clients posting tickets as fast as answers come, for `durationMs` after a 1 s warm-up. */
async function ticketRate(durationMs: number, databaseUrl?: string): Promise<TicketRate> {
  const store = databaseUrl ? 'postgres' : 'pglite';
  const { load, stop } = await serverWithLoad(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {});
  try {
    type Rate = { count: number; errors: number; firstError?: string; ms: number };
    await load.request<Rate>({ cmd: 'throughput', durationMs: 1_000, concurrency: CONCURRENCY }, 30_000);
    const rate = await load.request<Rate>({ cmd: 'throughput', durationMs, concurrency: CONCURRENCY }, durationMs + 60_000);
    return {
      store,
      perSecond: round(rate.count / (rate.ms / 1000)),
      errors: rate.errors,
      ...(rate.firstError ? { note: `first error: ${rate.firstError}` } : {}),
    };
  } finally {
    await stop();
  }
}

/**
 * Booking throughput: `POST /api/bookings` with 50 concurrent clients, and the double bookings
 * that resulted (must be 0), on PGlite and on Postgres (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else CI's 127.0.0.1:5432); beside it ticket creation (POST /api/tickets).
 * An unreachable Postgres is a note in its row, not a failed run.
 */
export async function measureBooking(durationMs: number): Promise<BookingResult> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const where = new URL(databaseUrl).host;
  const bookings = [await bookingRate(durationMs, CONCURRENCY)];
  try {
    bookings.push(await bookingRate(durationMs, CONCURRENCY, databaseUrl));
  } catch (error) {
    const note = `no Postgres at ${where}: ${(error as Error).message.split('\n')[0]}`;
    bookings.push({ store: 'postgres', perSecond: null, doubleBookings: null, taken: 0, errors: 0, note });
  }
  const ticketCreation = [await ticketRate(durationMs)];
  try {
    ticketCreation.push(await ticketRate(durationMs, databaseUrl));
  } catch (error) {
    ticketCreation.push({ store: 'postgres', perSecond: null, errors: 0, note: `no Postgres at ${where}: ${(error as Error).message.split('\n')[0]}` });
  }
  const measured = bookings.filter((b) => b.doubleBookings !== null);
  return {
    perSecond: bookings[0]!.perSecond,
    doubleBookings: measured.length ? measured.reduce((sum, b) => sum + b.doubleBookings!, 0) : null,
    concurrency: CONCURRENCY,
    bookings,
    ticketCreation,
  };
}
