import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TicketEvent } from '../../src/protocol/index.js';
import { listLiveTickets, listQueuePlaces } from '../../src/server/tickets/ticket-store.js';
import {
  admit,
  bearer,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
} from './helpers.js';

describe('the waiting-room fan-out (issue #8)', () => {
  const db = useTestStore();

  it('reads the same places with the lean query as with the full list', async (t) => {
    const app = testApp(t, db);
    const tickets = [];
    for (let i = 0; i < 5; i += 1) tickets.push(await takeTicket(app));
    await admit(app, await signIn(app), tickets[1]!.ticket.id);
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(tickets[3]!.secret),
    });
    // Lapsed but not yet swept: in neither list.
    await db.query(`UPDATE waiting_ticket SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      tickets[4]!.ticket.id,
    ]);

    const places = await listQueuePlaces(db);
    const full = await listLiveTickets(db);
    assert.deepEqual(
      [...places],
      full.map((ticket) => [ticket.id, ticket.position]),
    );
    assert.deepEqual(
      [...places],
      [
        [tickets[0]!.ticket.id, 1],
        [tickets[1]!.ticket.id, 0],
        [tickets[2]!.ticket.id, 2],
      ],
    );
  });

  it('tells only the citizens whose place changed, and each of their tabs', async (t) => {
    const app = testApp(t, db);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const first = await takeTicket(app);
    const second = await takeTicket(app);
    const open = async (secret: string) => {
      const events = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
      t.after(() => events.close());
      await events.next();
      return events;
    };
    const firstTab = await open(first.secret);
    const secondTab = await open(second.secret);
    const secondOtherTab = await open(second.secret);

    await takeTicket(app);
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(first.secret),
    });
    const moved: TicketEvent = { type: 'ticket', ticket: { ...second.ticket, position: 1 } };
    assert.deepEqual(await secondTab.next(), moved, 'no event for the newcomer at the back first');
    assert.deepEqual(await secondOtherTab.next(), moved);
    assert.deepEqual(await firstTab.next(), { type: 'ended', reason: 'left' });
  });
});
