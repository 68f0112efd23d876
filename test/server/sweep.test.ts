import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TicketEvent } from '../../src/protocol/index.js';
import {
  assertApiError,
  bearer,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  waitFor,
} from './helpers.js';

describe('tickets that wait too long', () => {
  const db = useTestStore();

  it('are ended by the sweep, and the citizen\'s stream hears "expired"', async (t) => {
    const app = testApp(t, db, { ticketTtlSeconds: 0.3, sweepIntervalMs: 50 });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const { secret } = await takeTicket(app);
    const events = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    t.after(() => events.close());
    assert.equal(((await events.next()) as TicketEvent).type, 'ticket');

    assert.deepEqual(await events.next(), { type: 'ended', reason: 'expired' });
    await events.ended();
    const { rows } = await db.query<{ state: string; end_reason: string }>(
      'SELECT state, end_reason FROM waiting_ticket',
    );
    assert.deepEqual(rows, [{ state: 'ended', end_reason: 'expired' }]);
    assertApiError(
      await app.inject({ url: '/api/tickets/current', headers: bearer(secret) }),
      410,
      'ticket_expired',
    );
  });

  it('count as expired even before the sweep reaches them', async (t) => {
    const app = testApp(t, db, { ticketTtlSeconds: 0.2, sweepIntervalMs: 3_600_000 });
    const cookie = await signIn(app);
    const { secret, ticket } = await takeTicket(app);
    const current: LightMyRequestResponse = await waitFor(async () => {
      const response = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
      return response.statusCode === 200 ? undefined : response;
    }, 'the ticket to lapse');
    assertApiError(current, 410, 'ticket_expired');
    assertApiError(
      await app.inject({
        method: 'POST',
        url: '/api/tickets/current/leave',
        headers: bearer(secret),
      }),
      410,
      'ticket_expired',
    );
    const admit = await app.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: { cookie, 'content-type': 'application/json' },
      payload: {},
    });
    assertApiError(admit, 410, 'ticket_expired');
    const queue = await app.inject({ url: '/api/console/queue', headers: { cookie } });
    assert.deepEqual(queue.json(), { entries: [] }, 'the employee no longer sees them');
  });

  it('do not push those who arrived later back', async (t) => {
    const app = testApp(t, db, { sweepIntervalMs: 3_600_000 });
    await db.query(
      `INSERT INTO waiting_ticket (secret_hash, product, expires_at, created_at)
       VALUES ('lapsed', 'paspoort', now() - interval '1 minute', now() - interval '5 hours')`,
    );
    const { ticket } = await takeTicket(app);
    assert.equal(ticket.position, 1);
  });
});
