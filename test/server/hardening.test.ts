import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCESS_CODE,
  JSON_TYPE,
  admit,
  assertApiError,
  bearer,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
} from './helpers.js';

describe('the server under attack', () => {
  const db = useTestStore();

  it('refuses a body over 16 KiB with 413 and an error body', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: JSON_TYPE,
      payload: JSON.stringify({ product: 'paspoort', padding: 'x'.repeat(17 * 1024) }),
    });
    assertApiError(response, 413, 'bad_request');
  });

  it('kills the console session on the server at sign-out', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/console/session',
      headers: { cookie },
    });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /^__Host-balie_console=; .*Max-Age=0/);
    assertApiError(
      await app.inject({ url: '/api/console/queue', headers: { cookie } }),
      401,
      'unauthorized',
    );
  });

  it('always marks the __Host- cookie Secure, also on plain http in development', async (t) => {
    // `__Host-` cookies without Secure are dropped by browsers; Chromium counts http://localhost
    // and http://127.0.0.1 as secure, so the same cookie works in development and behind TLS.
    const request = {
      method: 'POST' as const,
      url: '/api/console/session',
      headers: JSON_TYPE,
      payload: { accessCode: ACCESS_CODE },
    };
    const direct = await testApp(t, db).inject(request);
    assert.match(String(direct.headers['set-cookie']), /^__Host-balie_console=[^;]+; Secure;/);
    assert.doesNotMatch(String(direct.headers['set-cookie']), /Domain=/i);
  });

  it("gives a citizen no way to admit, or a token for another citizen's call", async (t) => {
    const app = testApp(t, db);
    const mine = await takeTicket(app);
    const other = await takeTicket(app);
    const asCitizen = await app.inject({
      method: 'POST',
      url: `/api/console/tickets/${mine.ticket.id}/admit`,
      headers: { ...bearer(mine.secret), ...JSON_TYPE },
      payload: {},
    });
    assertApiError(asCitizen, 401, 'unauthorized');
    await admit(app, await signIn(app), other.ticket.id);
    assertApiError(
      await app.inject({
        method: 'POST',
        url: '/api/tickets/current/call-token',
        headers: bearer(mine.secret),
      }),
      409,
      'not_admitted',
    );
  });

  it('echoes a request id, keeping a proxy-given one', async (t) => {
    const app = testApp(t, db);
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-42' } });
    assert.equal(given.headers['x-request-id'], 'lb-42');
    const made = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'a b\nc' } });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('answers garbage with a precise 4xx, never a 500', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const garbage = ['{', 'null', '[]', '"x"', '{"product":{"$gt":""}}', '\u0000', 'x'.repeat(300)];
    const routes = [
      { method: 'POST', url: '/api/tickets', headers: JSON_TYPE },
      { method: 'POST', url: '/api/console/session', headers: JSON_TYPE },
      { method: 'POST', url: '/api/tickets/current/leave', headers: { authorization: 'Bearer x' } },
      {
        method: 'POST',
        url: '/api/console/tickets/not-a-uuid/admit',
        headers: { cookie, ...JSON_TYPE },
      },
      {
        method: 'POST',
        url: '/api/livekit/webhook',
        headers: { 'content-type': 'application/webhook+json', authorization: 'Bearer x' },
      },
    ] as const;
    for (const route of routes) {
      for (const payload of garbage) {
        const response = await app.inject({ ...route, payload });
        assert.ok(
          response.statusCode >= 400 && response.statusCode < 500,
          `${route.method} ${route.url} with ${JSON.stringify(payload).slice(0, 20)}: ` +
            `${response.statusCode} ${response.body}`,
        );
        assert.match(response.json<{ error: { message: string } }>().error.message, /^balie-/);
      }
    }
  });
});

describe('rate limits', () => {
  const db = useTestStore();

  it('stop one address taking tickets past the limit, not another address', async (t) => {
    const app = testApp(t, db, { rateLimits: { 'POST /api/tickets': 3 } });
    const take = (ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/tickets',
        remoteAddress: ip,
        payload: { product: 'paspoort' },
      });
    for (let i = 0; i < 3; i++) assert.equal((await take('10.0.0.1')).statusCode, 201);
    const refused = await take('10.0.0.1');
    assertApiError(refused, 429, 'rate_limited');
    assert.match(String(refused.headers['retry-after']), /^\d+$/);
    assert.equal((await take('10.0.0.2')).statusCode, 201);
    const { rows } = await db.query('SELECT id FROM waiting_ticket');
    assert.equal(rows.length, 4, 'the refused request took no place');
  });

  it('stop guessing the console access code', async (t) => {
    const app = testApp(t, db);
    const guess = () =>
      app.inject({
        method: 'POST',
        url: '/api/console/session',
        headers: JSON_TYPE,
        payload: { accessCode: 'wrong-guess' },
      });
    for (let i = 0; i < 10; i++) assertApiError(await guess(), 401, 'unauthorized');
    assertApiError(await guess(), 429, 'rate_limited');
  });
});
