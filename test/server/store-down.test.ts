import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertApiError, bearer, openTestStore, takeTicket, testApp } from './helpers.js';

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
});
