import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admit, assertApiError, bearer, JSON_TYPE, signIn, takeTicket, testApp, useTestStore } from './helpers.js';
import { bookingBody, bookingConfig, freeSlotList, postBooking } from './booking-support.js';

// Issue 14: an outside security review. Each describe is one of its rows.

describe('control characters in text fields (issue 14, #7)', () => {
  const db = useTestStore();

  it('refuses a NUL in a booking name, a note or a feedback comment with a 400 naming the field', async (t) => {
    const app = testApp(t, db, { config: bookingConfig });
    const [slot] = await freeSlotList(app);
    const booking = await postBooking(app, bookingBody(slot!.start, { details: { name: 'Jan\u0000Jansen', email: 'jan@example.nl' } }));
    assert.match(assertApiError(booking, 400, 'bad_request'), /details\.name/);

    const { ticket, secret } = await takeTicket(app, { product: 'vraag' });
    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    const note = await app.inject({
      method: 'PUT',
      url: `/api/console/tickets/${ticket.id}/outcome`,
      headers: { cookie, ...JSON_TYPE },
      payload: { note: 'gesprek\u0000gevoerd' },
    });
    assert.match(assertApiError(note, 400, 'bad_request'), /note/);
    await app.inject({ method: 'POST', url: '/api/tickets/current/leave', headers: bearer(secret) });
    const feedback = await app.inject({
      method: 'POST',
      url: '/api/tickets/current/feedback',
      headers: { ...bearer(secret), ...JSON_TYPE },
      payload: { score: 4, comment: 'fijn\u0000' },
    });
    assert.match(assertApiError(feedback, 400, 'bad_request'), /comment/);
  });

  it('keeps line breaks and tabs in a note, refuses other control characters there', async (t) => {
    const app = testApp(t, db);
    const { ticket } = await takeTicket(app);
    const cookie = await signIn(app);
    await admit(app, cookie, ticket.id);
    const put = (note: string) =>
      app.inject({ method: 'PUT', url: `/api/console/tickets/${ticket.id}/outcome`, headers: { cookie, ...JSON_TYPE }, payload: { note } });
    assert.equal((await put('regel een\n\tregel twee\n')).statusCode, 200);
    for (const bad of ['\u0007bel', 'cr\r', 'esc\u001b[2J', 'del\u007f']) {
      assert.match(assertApiError(await put(bad), 400, 'bad_request'), /note/, JSON.stringify(bad));
    }
  });
});
