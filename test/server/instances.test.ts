import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import type { QueueSnapshotEvent, TicketEvent } from '../../src/protocol/index.js';
import { MIGRATION_LOCK_KEY, openStore, type Db } from '../../src/server/store/index.js';
import {
  NEEDS_POSTGRES,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  needsRedis,
  admit,
  bearer,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  waitFor,
} from './helpers.js';

const redisSkip = await needsRedis();

// Skipped test by test, not as a suite, so the runner's summary counts them as skipped.
describe('several server instances on one Postgres', () => {
  const db = useTestStore();

  /**
   * A ticket taken on A is seen and admitted on B, and A hears it. With Redis, two instances
   * can share even PGlite (in one process): only Redis carries the changes between them.
   */
  async function behaveAsOne(t: TestContext, redis?: { url: string; channel: string }) {
    let dbB: Db = db;
    if (TEST_DATABASE_URL) {
      const twin = await db.store().openTwin();
      t.after(() => twin.close());
      dbB = twin;
    }
    const appA = testApp(t, db, { redis });
    const appB = testApp(t, dbB, { redis });
    const baseA = await appA.listen({ host: '127.0.0.1', port: 0 });
    const baseB = await appB.listen({ host: '127.0.0.1', port: 0 });

    const cookie = await signIn(appB);
    const queue = await readEvents(`${baseB}/api/console/events`, { cookie });
    t.after(() => queue.close());
    assert.deepEqual(await queue.next(), { type: 'queue', entries: [] });

    const { secret, ticket } = await takeTicket(appA);
    const citizen = await readEvents(`${baseA}/api/tickets/current/events`, bearer(secret));
    t.after(() => citizen.close());
    assert.equal(((await citizen.next()) as TicketEvent).type, 'ticket');

    const seen = (await queue.next(1000)) as QueueSnapshotEvent;
    assert.deepEqual(
      seen.entries.map((entry) => entry.id),
      [ticket.id],
      "the employee on B sees A's citizen within a second",
    );

    await admit(appB, cookie, ticket.id);
    assert.deepEqual(
      await citizen.next(1000),
      { type: 'ticket', ticket: { ...ticket, state: 'admitted', position: 0 } },
      'the citizen on A hears the admission made on B within a second',
    );
  }

  it(
    'behave as one over LISTEN/NOTIFY: a ticket taken on A is seen and admitted on B, and A hears it',
    { skip: NEEDS_POSTGRES },
    (t) => behaveAsOne(t),
  );

  it(
    'behave as one over Redis pub/sub: a ticket taken on A is seen and admitted on B, and A hears it',
    { skip: redisSkip },
    (t) => behaveAsOne(t, { url: TEST_REDIS_URL, channel: `balie_test_${randomUUID()}` }),
  );

  it('migrate once when they start at the same moment', { skip: NEEDS_POSTGRES }, async () => {
    const schema = `test_race_${process.pid}`;
    const options = { databaseUrl: TEST_DATABASE_URL, schema };
    const stores = await Promise.all([openStore(options), openStore(options), openStore(options)]);
    try {
      const { rows } = await stores[0]!.query<{ version: string; count: number }>(
        'SELECT version, count(*)::int AS count FROM schema_migrations GROUP BY version',
      );
      assert.ok(rows.length > 0);
      for (const row of rows) assert.equal(row.count, 1, `${row.version} applied once`);
      // pg_locks is database-wide: another test file opening its store at this moment holds the
      // lock for a few milliseconds. A lock these stores leaked would be held for good.
      const released = await waitFor(async () => {
        const { rows: locks } = await stores[0]!.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`,
          [MIGRATION_LOCK_KEY],
        );
        return locks.length === 0 ? true : undefined;
      }, 'the migration lock to be released');
      assert.ok(released);
    } finally {
      await stores[0]!.query(`DROP SCHEMA ${schema} CASCADE`);
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
