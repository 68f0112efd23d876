import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { bookingBatcher } from '../../src/server/booking/booking-batch.js';
import type { BookingRecord, NewBooking } from '../../src/server/booking/booking-store.js';
import { useTestStore } from './helpers.js';

// Issue 19, bookings ×4: bookings that arrive together are written in one statement. Whatever
// lands in one batch, each citizen must get the answer a booking on its own would give.

const start = Date.parse('2027-03-01T09:00:00Z');

function booking(product: string, minutes: number, key = randomBytes(16).toString('hex')): NewBooking {
  return {
    product,
    start: new Date(start + minutes * 60_000),
    end: new Date(start + (minutes + 15) * 60_000),
    manageHash: randomBytes(32).toString('hex'),
    idempotencyKey: key,
    requestHash: 'r'.repeat(64),
    name: 'Ans de Vries',
    email: 'ans@example.nl',
    lang: 'nl',
    pageUrl: 'https://www.gemeente.example/afspraak',
  };
}

const desksOf = (outcomes: (BookingRecord | 'taken' | undefined)[]) =>
  outcomes.map((outcome) => (outcome === undefined || outcome === 'taken' ? outcome : outcome.desk));

describe('bookings written together (group commit)', () => {
  const db = useTestStore();

  it('gives the desks of a slot in arrival order and refuses the rest, within one batch', async () => {
    const book = bookingBatcher(db);
    // Sent in one turn of the event loop: one statement.
    const outcomes = await Promise.all([
      book(booking('zaal', 0), 2),
      book(booking('zaal', 0), 2),
      book(booking('zaal', 15), 2),
      book(booking('zaal', 0), 2),
      book(booking('paspoort', 0), 1),
      book(booking('paspoort', 0), 1),
    ]);
    assert.deepEqual(desksOf(outcomes), [1, 2, 1, 'taken', 1, 'taken']);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM booking`);
    assert.equal(rows[0]!.n, 4);
  });

  it('takes only the desks still free, next to bookings made earlier', async () => {
    const book = bookingBatcher(db);
    assert.equal(desksOf([await book(booking('zaal', 30), 3)])[0], 1);
    assert.deepEqual(desksOf(await Promise.all([book(booking('zaal', 30), 3), book(booking('zaal', 30), 3), book(booking('zaal', 30), 3)])), [2, 3, 'taken']);
  });

  it('answers a request sent again from its first booking, in the same batch or a later one', async () => {
    const book = bookingBatcher(db);
    const key = randomBytes(16).toString('hex');
    const [first, twin, other] = await Promise.all([book(booking('zaal', 45, key), 2), book(booking('zaal', 45, key), 2), book(booking('zaal', 45), 2)]);
    assert.equal((first as BookingRecord).desk, 1);
    // undefined: the route looks up the key's booking and answers with it.
    assert.equal(twin, undefined);
    assert.equal((other as BookingRecord).desk, 2, 'the twin held no desk');
    const [later, newcomer] = await Promise.all([book(booking('zaal', 60, key), 2), book(booking('zaal', 60), 2)]);
    assert.equal(later, undefined);
    assert.equal((newcomer as BookingRecord).desk, 1, 'a replay in the batch takes no desk');
  });

  it("fails only the booking whose data the database refuses; the others in its batch are booked", async () => {
    const book = bookingBatcher(db);
    const results = await Promise.allSettled([
      book(booking('zaal', 75), 2),
      book({ ...booking('zaal', 75), identityLoginId: randomUUID() }, 2),
      book(booking('zaal', 90), 2),
    ]);
    assert.equal(results[0]!.status, 'fulfilled');
    assert.equal(results[1]!.status, 'rejected');
    assert.match(String((results[1] as PromiseRejectedResult).reason), /foreign key/);
    assert.equal(results[2]!.status, 'fulfilled');
    assert.deepEqual(desksOf(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))), [1, 1]);
  });

  it('keeps the booking a citizen alone sends as it was: no wait for others', async () => {
    const book = bookingBatcher(db);
    const made = (await book(booking('zaal', 105), 2)) as BookingRecord;
    assert.equal(made.desk, 1);
    assert.equal(made.state, 'booked');
    assert.equal(made.name, 'Ans de Vries');
    assert.equal(made.ticketLive, false);
    assert.equal(made.paymentStatus, null);
    assert.equal(made.start.getTime(), start + 105 * 60_000);
  });
});
