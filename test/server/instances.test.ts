import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QueueEvent, TicketEvent } from '../../src/protocol/index.js';
import { MIGRATION_LOCK_KEY, openStore } from '../../src/server/store/index.js';
import {
  NEEDS_POSTGRES,
  TEST_DATABASE_URL,
  admit,
  bearer,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
} from './helpers.js';

// Skipped test by test, not as a suite, so the runner's summary counts them as skipped.
describe('several server instances on one Postgres', () => {
  const db = useTestStore();

  it(
    'behave as one: a ticket taken on A is seen and admitted on B, and A hears it',
    { skip: NEEDS_POSTGRES },
    async (t) => {
      const twin = await db.store().openTwin();
      t.after(() => twin.close());
      const appA = testApp(t, db);
      const appB = testApp(t, twin);
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

      const seen = (await queue.next(1000)) as QueueEvent;
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
    },
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
      const { rows: locks } = await stores[0]!.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`,
        [MIGRATION_LOCK_KEY],
      );
      assert.equal(locks.length, 0, 'the migration lock is released');
    } finally {
      await stores[0]!.query(`DROP SCHEMA ${schema} CASCADE`);
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
