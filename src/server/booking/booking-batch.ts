import type { Db } from '../store/index.js';
import { insertBatchOnFreeDesks, insertOnFreeDesk, type BatchedBooking, type BookingRecord, type NewBooking } from './booking-store.js';

/** Most bookings in one statement; more wait for the next. */
const MAX_BATCH = 64;

interface Waiting extends BatchedBooking {
  resolve(outcome: BookingRecord | 'taken' | undefined): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the built-in store's bookings: a booking that arrives while none is being
 * written goes at once (on the next turn of the event loop, with whatever arrived in the same
 * turn); the ones that arrive while a statement runs go together in the next. One citizen alone
 * waits for nothing extra; fifty at once share one statement (see {@link insertBatchOnFreeDesks}).
 *
 * Every answer is what {@link insertOnFreeDesk} would give: a booking the batch could not decide
 * (a concurrent write got between), and every booking of a batch whose statement failed (one
 * booking's bad data must not fail the others), is asked again on its own.
 */
export function bookingBatcher(db: Db): (booking: NewBooking, desks: number) => Promise<BookingRecord | 'taken' | undefined> {
  const queue: Waiting[] = [];
  let writing = false;

  async function one(item: Waiting): Promise<void> {
    try {
      item.resolve(await insertOnFreeDesk(db, item.booking, item.desks));
    } catch (error) {
      item.reject(error);
    }
  }

  async function write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return one(batch[0]!);
    let outcomes;
    try {
      outcomes = await insertBatchOnFreeDesks(db, batch);
    } catch {
      for (const item of batch) await one(item);
      return;
    }
    const again: Waiting[] = [];
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome === 'unsure') again.push(item);
      else item.resolve(outcome === 'key-used' ? undefined : outcome);
    });
    for (const item of again) await one(item);
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) await write(queue.splice(0, MAX_BATCH));
    } finally {
      writing = false;
    }
  }

  return (booking, desks) =>
    new Promise((resolve, reject) => {
      queue.push({ booking, desks, resolve, reject });
      if (!writing) {
        writing = true;
        setImmediate(() => void drain());
      }
    });
}
