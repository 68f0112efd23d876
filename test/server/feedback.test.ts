import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admit, assertApiError, bearer, JSON_TYPE, signIn, takeTicket, testApp, useTestStore } from './helpers.js';

describe('feedback after a call', () => {
  const db = useTestStore();

  const give = (app: ReturnType<typeof testApp>, secret: string, payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/tickets/current/feedback', headers: { ...bearer(secret), ...JSON_TYPE }, payload: JSON.stringify(payload) });

  it('stores one score and remark after the call ended', async (t) => {
    const app = testApp(t, db);
    const { ticket, secret } = await takeTicket(app);
    await admit(app, await signIn(app), ticket.id);
    await app.inject({ method: 'POST', url: '/api/tickets/current/leave', headers: bearer(secret) });
    const response = await give(app, secret, { score: 4, comment: 'Fijn geholpen' });
    assert.equal(response.statusCode, 204, response.body);
    const { rows } = await db.query<{ score: number; comment: string }>('SELECT score, comment FROM call_feedback');
    assert.deepEqual(rows, [{ score: 4, comment: 'Fijn geholpen' }]);
  });

  it('refuses a second answer for the same call', async (t) => {
    const app = testApp(t, db);
    const { ticket, secret } = await takeTicket(app);
    await admit(app, await signIn(app), ticket.id);
    assert.equal((await give(app, secret, { score: 5 })).statusCode, 204);
    assertApiError(await give(app, secret, { score: 1 }), 409, 'feedback_given');
  });

  it('refuses feedback from someone who never reached a call', async (t) => {
    const app = testApp(t, db);
    const { secret } = await takeTicket(app);
    assertApiError(await give(app, secret, { score: 3 }), 409, 'not_admitted');
  });

  for (const [payload, field] of [
    [{ score: 0 }, 'score'],
    [{ score: 6 }, 'score'],
    [{ score: 'goed' }, 'score'],
    [{ score: 3, comment: 'x'.repeat(1001) }, 'comment'],
    [{ score: 3, extra: true }, 'extra'],
  ] as const) {
    it(`answers ${JSON.stringify(payload).slice(0, 40)} with a 400 naming ${field}`, async (t) => {
      const app = testApp(t, db);
      const { ticket, secret } = await takeTicket(app);
      await admit(app, await signIn(app), ticket.id);
      const response = await give(app, secret, payload);
      assertApiError(response, 400, 'bad_request');
      assert.match(response.json().error.message, new RegExp(`balie-feedback: ${field}`));
    });
  }

  it('needs the ticket secret', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({ method: 'POST', url: '/api/tickets/current/feedback', headers: JSON_TYPE, payload: '{"score":3}' });
    assertApiError(response, 401, 'unauthorized');
  });
});
