import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { QueueSnapshotEvent, TicketEvent } from '../../src/protocol/index.js';
import { openStreamCount } from '../../src/server/app.js';
import {
  ALLOWED_ORIGIN,
  admit,
  bearer,
  consolePost,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  waitFor,
} from './helpers.js';

/** Listens on a free loopback port: streams need a real socket, inject() waits for the end. */
async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('live events', () => {
  const db = useTestStore();

  it("follows the citizen's ticket from waiting to admitted to ended", async (t) => {
    const app = testApp(t, db);
    const base = await listen(app);
    const ahead = await takeTicket(app);
    const { secret, ticket } = await takeTicket(app);
    const events = await readEvents(`${base}/api/tickets/current/events`, {
      ...bearer(secret),
      origin: ALLOWED_ORIGIN,
    });
    t.after(() => events.close());

    assert.equal(events.response.status, 200);
    assert.equal(events.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(events.response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.deepEqual(await events.next(), {
      type: 'ticket',
      ticket: { ...ticket, position: 2 },
    } satisfies TicketEvent);

    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(ahead.secret),
    });
    assert.deepEqual(await events.next(), {
      type: 'ticket',
      ticket: { ...ticket, position: 1 },
    } satisfies TicketEvent);

    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    assert.deepEqual(await events.next(), {
      type: 'ticket',
      ticket: { ...ticket, state: 'admitted', position: 0 },
    } satisfies TicketEvent);

    await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/end`);
    assert.deepEqual(await events.next(), {
      type: 'ended',
      reason: 'ended-by-employee',
    } satisfies TicketEvent);
    await events.ended();
    await waitFor(
      async () => (openStreamCount(app) === 0 ? true : undefined),
      'the stream to be forgotten',
    );
  });

  it('does not repeat an unchanged position when someone behind joins', async (t) => {
    const app = testApp(t, db);
    const base = await listen(app);
    const { secret } = await takeTicket(app);
    const events = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    t.after(() => events.close());
    await events.next();
    const behind = await takeTicket(app);
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(secret),
    });
    assert.deepEqual(
      await events.next(),
      { type: 'ended', reason: 'left' },
      'no ticket event for the one behind',
    );
    assert.ok(behind);
  });

  it("forgets a citizen's stream when the browser goes away", async (t) => {
    const app = testApp(t, db);
    const base = await listen(app);
    const { secret } = await takeTicket(app);
    const events = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    await events.next();
    assert.equal(openStreamCount(app), 1);
    events.close();
    await waitFor(
      async () => (openStreamCount(app) === 0 ? true : undefined),
      'the stream to be forgotten',
    );
  });

  it('gives the employee the queue at once and again on every change', async (t) => {
    const app = testApp(t, db);
    const base = await listen(app);
    const cookie = await signIn(app);
    const first = await takeTicket(app);
    const events = await readEvents(`${base}/api/console/events`, { cookie });
    t.after(() => events.close());

    const ids = (event: unknown) =>
      (event as QueueSnapshotEvent).entries.map((entry) => `${entry.id}:${entry.state}`);
    const snapshot = (await events.next()) as QueueSnapshotEvent;
    assert.equal(snapshot.type, 'queue');
    assert.deepEqual(ids(snapshot), [`${first.ticket.id}:waiting`]);

    const second = await takeTicket(app);
    assert.deepEqual(ids(await events.next()), [
      `${first.ticket.id}:waiting`,
      `${second.ticket.id}:waiting`,
    ]);
    await admit(app, cookie, first.ticket.id);
    assert.deepEqual(ids(await events.next()), [
      `${first.ticket.id}:admitted`,
      `${second.ticket.id}:waiting`,
    ]);
  });

  it('ends open streams when the server closes', async (t) => {
    const app = testApp(t, db);
    const base = await listen(app);
    const { secret } = await takeTicket(app);
    const events = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    await events.next();
    await app.close();
    await events.ended();
  });
});
