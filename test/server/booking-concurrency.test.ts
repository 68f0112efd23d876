import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testApp, useTestStore } from './helpers.js';
import { bookingBody, bookingConfig, freeSlotList, newKey, postBooking } from './booking-support.js';

describe('booking under contention', () => {
  const db = useTestStore();

  it('200 concurrent attempts at the same slot make exactly one booking; the rest hear slot_taken', async (t) => {
    // No rate limit: the point is the database constraint, not the limiter.
    const balie = testApp(t, db, { config: bookingConfig, rateLimits: {} });
    const [slot] = await freeSlotList(balie);
    const attempts = Array.from({ length: 200 }, (_, i) =>
      postBooking(balie, bookingBody(slot!.start, { details: { name: 'Inwoner', email: `i${i}@example.nl` } }), newKey()),
    );
    const responses = await Promise.all(attempts);
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `one 201, got ${JSON.stringify(count(statuses))}`);
    assert.equal(statuses.filter((s) => s === 409).length, 199);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking WHERE slot_start = $1 AND state <> 'cancelled'`,
      [new Date(slot!.start)],
    );
    assert.equal(rows[0]!.n, 1);
  });

  it('200 concurrent retries with one Idempotency-Key make one booking and all get it', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig, rateLimits: {} });
    const [slot] = await freeSlotList(balie);
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 200 }, () => postBooking(balie, bookingBody(slot!.start), key)));
    const ids = new Set(responses.map((r) => r.json<{ booking: { id: string } }>().booking.id));
    assert.equal(ids.size, 1);
    assert.deepEqual([...new Set(responses.map((r) => r.statusCode))].sort(), responses.length > 1 ? [200, 201] : [201]);
  });
});

function count(values: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
