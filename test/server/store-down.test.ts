import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { QueueEvent, QueueSnapshotEvent, TicketEvent } from '../../src/protocol/index.js';
import { openStore } from '../../src/server/store/index.js';
import { postgresAddress, startTcpProxy, throughProxy } from '../e2e/support/tcp-proxy.js';
import {
  TEST_DATABASE_URL,
  assertApiError,
  bearer,
  openTestStore,
  readEvents,
  signIn,
  takeTicket,
  testApp,
} from './helpers.js';

describe('when the database is down', () => {
  it('answers 503 unavailable, not 500, and says so on /readyz but not /healthz', async (t) => {
    const store = await openTestStore();
    const app = testApp(t, store.db);
    assert.deepEqual((await app.inject({ url: '/readyz' })).json(), { status: 'ready' });
    const { secret } = await takeTicket(app);
    await store.dispose();

    const take = await app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: { product: 'paspoort' },
    });
    assertApiError(take, 503, 'unavailable');
    assert.equal(take.headers['retry-after'], '5');
    assertApiError(
      await app.inject({ url: '/api/tickets/current', headers: bearer(secret) }),
      503,
      'unavailable',
    );
    assertApiError(await app.inject({ url: '/readyz' }), 503, 'unavailable');
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'still alive');
  });

  it('tells the open streams, on any store, and keeps them open', async (t) => {
    const store = await openTestStore();
    const app = testApp(t, store.db, { storeCheckIntervalMs: 100 });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const { secret } = await takeTicket(app);
    const citizen = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    t.after(() => citizen.close());
    assert.equal(((await citizen.next()) as TicketEvent).type, 'ticket');
    await store.dispose();
    assert.deepEqual(await citizen.next(), { type: 'unavailable' } satisfies TicketEvent);
    await assert.rejects(citizen.ended(500), /timed out/, 'the stream stays open');
  });

  it(
    'tells open streams it is unavailable, keeps them open, and sends their state again when it is back',
    { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL: only a database over TCP can be cut off and given back' },
    async (t) => {
      // The machine's Postgres is shared: it is taken away from this app alone, through a proxy.
      const proxy = await startTcpProxy(postgresAddress(TEST_DATABASE_URL!));
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const db = await openStore({ databaseUrl: throughProxy(TEST_DATABASE_URL!, proxy), schema });
      // One hook, in this order: the app (closed by testApp's own hook, registered later) is
      // gone by then, and the schema is dropped through a line that works again.
      t.after(async () => {
        proxy.restore();
        try {
          await db.query(`DROP SCHEMA ${schema} CASCADE`);
        } finally {
          await db.close();
          await proxy.close();
        }
      });
      const app = testApp(t, db, { storeCheckIntervalMs: 100 });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      await takeTicket(app);
      const { secret, ticket } = await takeTicket(app);
      const citizen = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
      t.after(() => citizen.close());
      const employee = await readEvents(`${base}/api/console/events`, { cookie: await signIn(app) });
      t.after(() => employee.close());
      const place: TicketEvent = { type: 'ticket', ticket: { ...ticket, position: 2 } };
      assert.deepEqual(await citizen.next(), place);
      const queue = (await employee.next()) as QueueEvent;
      assert.equal(queue.type, 'queue');

      proxy.cut();
      const unavailable: TicketEvent = { type: 'unavailable' };
      assert.deepEqual(await citizen.next(), unavailable);
      assert.deepEqual(await employee.next(), unavailable);
      assertApiError(
        await app.inject({ method: 'POST', url: '/api/tickets', payload: { product: 'paspoort' } }),
        503,
        'unavailable',
      );

      proxy.restore();
      assert.deepEqual(await citizen.next(10_000), place, 'the same place as before');
      assert.deepEqual(await employee.next(10_000), queue, 'the same queue as before');
      const third = await takeTicket(app);
      const entries = ((await employee.next()) as QueueSnapshotEvent).entries;
      assert.deepEqual(
        entries.map((entry) => entry.id),
        [...(queue as QueueSnapshotEvent).entries.map((entry) => entry.id), third.ticket.id],
        'changes flow again',
      );
    },
  );
});
