import { randomBytes } from 'node:crypto';
import type { BalieConfig, SlotsResponse } from '../../src/protocol/index.js';
import { startServer } from '../../src/server/main.js';
import { openStore } from '../../src/server/store/index.js';
import { round } from './support/stats.js';

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
const PAGE = 'https://www.bench.example/afspraak';

/**
 * 50 clients book over HTTP as fast as answers come for `durationMs`, three clients per slot so
 * the database constraint is contended all the time. The server runs in this process (with the
 * load), rate limits off: the number is the booking path's, not the limiter's.
 */
export async function bookingRate(durationMs: number, concurrency: number, databaseUrl?: string): Promise<BookingRate> {
  const store = databaseUrl ? 'postgres' : 'pglite';
  const schema = `bench_booking_${randomBytes(4).toString('hex')}`;
  const db = await openStore(databaseUrl ? { databaseUrl, schema } : {});
  const server = await startServer({
    config: benchConfig,
    db,
    livekit: { url: 'ws://127.0.0.1:9', apiKey: 'bench', apiSecret: 'bench-secret-that-is-long-enough-0123456789' },
    allowedOrigins: ['https://www.bench.example'],
    consoleAccessCode: 'bench',
    rateLimits: {},
  });
  try {
    const slots = ((await (await fetch(`${server.url}/api/slots?product=zaal-huren`)).json()) as SlotsResponse).days.flatMap((d) => d.slots);
    let attempt = 0;
    let booked = 0;
    let taken = 0;
    let errors = 0;
    let firstError: string | undefined;
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const slot = slots[Math.floor(attempt++ / 3) % slots.length]!;
          const response = await fetch(`${server.url}/api/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': randomBytes(16).toString('base64url') },
            body: JSON.stringify({ product: 'zaal-huren', start: slot.start, details: { name: 'Bench', email: 'bench@example.nl' }, consent: 'yes', pageUrl: PAGE }),
          });
          await response.arrayBuffer();
          if (response.status === 201) booked += 1;
          else if (response.status === 409) taken += 1;
          else {
            errors += 1;
            firstError ??= `HTTP ${response.status}`;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await db.query<{ n: number }>(
      `SELECT (SELECT coalesce(sum(n - 2), 0) FROM (SELECT count(*) AS n FROM booking WHERE state <> 'cancelled'
                GROUP BY product, slot_start HAVING count(*) > 2) over_desks)
            + (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM booking WHERE state <> 'cancelled'
                GROUP BY product, slot_start, desk HAVING count(*) > 1) same_desk) AS n`,
    );
    return {
      store,
      perSecond: round(booked / seconds),
      doubleBookings: Number(rows[0]!.n),
      taken,
      errors,
      ...(firstError ? { note: `first error: ${firstError}` } : {}),
    };
  } finally {
    await server.close();
    if (databaseUrl) await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}
