import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AdmitResponse, ConsoleSessionResponse, QueueEntry } from '../../src/protocol/index.js';
import {
  ACCESS_CODE,
  ALLOWED_ORIGIN,
  JSON_TYPE,
  admit,
  assertApiError,
  bearer,
  consolePost,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  verifyToken,
} from './helpers.js';

describe("the employee's console", () => {
  const db = useTestStore();

  describe('signing in', () => {
    it('sets a __Host- session cookie (Secure, HttpOnly, SameSite=Strict) for the right access code', async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method: 'POST',
        url: '/api/console/session',
        headers: JSON_TYPE,
        payload: { accessCode: ACCESS_CODE },
      });
      assert.equal(response.statusCode, 204);
      const cookie = String(response.headers['set-cookie']);
      assert.match(
        cookie,
        /^__Host-balie_console=[A-Za-z0-9_-]{43}; Secure; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/,
      );

      const session = await app.inject({
        url: '/api/console/session',
        headers: { cookie: cookie.split(';')[0]! },
      });
      assert.equal(session.statusCode, 200);
      const { signedIn, employee } = session.json<ConsoleSessionResponse>();
      assert.equal(signedIn, true);
      assert.equal(employee.role, 'medewerker', 'the access code is the medewerker fallback');
      const { rows } = await db.query<{ id_hash: string }>('SELECT id_hash FROM employee_session');
      assert.notEqual(
        rows[0]!.id_hash,
        cookie.split(';')[0]!.split('=')[1],
        'only a hash is stored',
      );
    });

    it('refuses a wrong access code with 401', async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method: 'POST',
        url: '/api/console/session',
        headers: JSON_TYPE,
        payload: { accessCode: 'guess' },
      });
      assert.match(assertApiError(response, 401, 'unauthorized'), /wrong access code/);
      assert.equal(response.headers['set-cookie'], undefined);
    });

    it('refuses a sign-in without an access code with 400', async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method: 'POST',
        url: '/api/console/session',
        headers: JSON_TYPE,
        payload: {},
      });
      assert.match(assertApiError(response, 400, 'bad_request'), /accessCode: expected text/);
    });

    it('refuses a form post, which another site could forge, with 415', async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method: 'POST',
        url: '/api/console/session',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `accessCode=${ACCESS_CODE}`,
      });
      assertApiError(response, 415, 'bad_request');
    });

    it('says 401 to a browser without a (valid) session', async (t) => {
      const app = testApp(t, db);
      assertApiError(await app.inject({ url: '/api/console/session' }), 401, 'unauthorized');
      const forged = await app.inject({
        url: '/api/console/session',
        headers: { cookie: '__Host-balie_console=forged' },
      });
      assertApiError(forged, 401, 'unauthorized');
    });
  });

  const protectedRoutes = [
    ['GET', '/api/console/queue'],
    ['GET', '/api/console/events'],
    ['POST', '/api/console/tickets/00000000-0000-4000-8000-000000000000/admit'],
    ['POST', '/api/console/tickets/00000000-0000-4000-8000-000000000000/end'],
    ['POST', '/api/console/tickets/00000000-0000-4000-8000-000000000000/call-token'],
  ] as const;
  for (const [method, url] of protectedRoutes) {
    it(`${method} ${url.replace(/[0-9a-f-]{36}/, ':id')} needs a console session`, async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method,
        url,
        headers: JSON_TYPE,
        payload: method === 'POST' ? {} : undefined,
      });
      assertApiError(response, 401, 'unauthorized');
    });
  }

  it('refuses console requests another site sends, even with the cookie', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const response = await app.inject({
      url: '/api/console/queue',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    assertApiError(response, 403, 'forbidden');
  });

  it('refuses an admit that is not JSON (cross-site request forgery) with 415', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { ticket } = await takeTicket(app);
    const response = await app.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: { cookie, 'content-type': 'text/plain' },
      payload: '{}',
    });
    assertApiError(response, 415, 'bad_request');
  });

  it('never answers a cross-origin preflight for console routes', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/api/console/queue',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    assert.notEqual(response.statusCode, 204);
  });

  it('lists waiting and admitted citizens in arrival order, without those who left', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const first = await takeTicket(app);
    const gone = await takeTicket(app);
    const third = await takeTicket(app, { product: 'rijbewijs', audioOnly: true });
    const fourth = await takeTicket(app);
    await admit(app, cookie, first.ticket.id);
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(gone.secret),
    });

    const response = await app.inject({ url: '/api/console/queue', headers: { cookie } });
    assert.equal(response.statusCode, 200);
    const { entries } = response.json<{ entries: QueueEntry[] }>();
    assert.deepEqual(
      entries.map(({ id, state, position, productName, audioOnly }) => ({
        id,
        state,
        position,
        productName,
        audioOnly,
      })),
      [
        {
          id: first.ticket.id,
          state: 'admitted',
          position: 0,
          productName: 'Paspoort aanvragen',
          audioOnly: false,
        },
        {
          id: third.ticket.id,
          state: 'waiting',
          position: 1,
          productName: 'Rijbewijs verlengen',
          audioOnly: true,
        },
        {
          id: fourth.ticket.id,
          state: 'waiting',
          position: 2,
          productName: 'Paspoort aanvragen',
          audioOnly: false,
        },
      ],
    );
  });

  it('admits a citizen into a fresh, unguessable room with an employee token', async (t) => {
    const app = testApp(t, db);
    const { ticket } = await takeTicket(app);
    const { call } = await admit(app, await signIn(app), ticket.id);
    assert.equal(call.role, 'employee');
    assert.match(call.identity, /^e-[0-9a-f]+$/);
    assert.equal(call.expiresIn, 600);
    const claims = await verifyToken(call.token);
    assert.match(claims.video!.room!, /^balie-[0-9a-f]{32}$/);
    assert.equal(claims.video?.roomJoin, true);
    for (const grant of ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord'] as const) {
      assert.equal(claims.video?.[grant], undefined, `no ${grant} for the employee either`);
    }
    assert.deepEqual(JSON.parse(claims.metadata!), { role: 'employee' });
  });

  it('lets exactly one of two employees admit the same citizen', async (t) => {
    const app = testApp(t, db);
    const [alice, bob] = [await signIn(app), await signIn(app)];
    const { ticket } = await takeTicket(app);
    const url = `/api/console/tickets/${ticket.id}/admit`;
    const responses = await Promise.all([consolePost(app, alice, url), consolePost(app, bob, url)]);
    const statuses = responses.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 409]);
    assertApiError(
      responses.find((r) => r.statusCode === 409)!,
      409,
      'already_admitted',
    );
    const { rows } = await db.query<{ room: string }>(
      'SELECT room FROM waiting_ticket WHERE id = $1',
      [ticket.id],
    );
    const winner = responses.find((r) => r.statusCode === 200)!.json<AdmitResponse>();
    assert.equal(
      (await verifyToken(winner.call.token)).video?.room,
      rows[0]!.room,
      "the winner's room is the stored one",
    );
  });

  it('explains why a ticket cannot be admitted', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const left = await takeTicket(app);
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(left.secret),
    });

    assertApiError(
      await consolePost(app, cookie, '/api/console/tickets/not-a-uuid/admit'),
      400,
      'bad_request',
    );
    assertApiError(
      await consolePost(app, cookie, `/api/console/tickets/'%3B--/admit`),
      400,
      'bad_request',
    );
    assertApiError(
      await consolePost(
        app,
        cookie,
        '/api/console/tickets/00000000-0000-4000-8000-000000000000/admit',
      ),
      404,
      'ticket_unknown',
    );
    assertApiError(
      await consolePost(app, cookie, `/api/console/tickets/${left.ticket.id}/admit`),
      410,
      'ticket_ended',
    );
  });

  it('lets the employee rejoin an admitted call as the same participant', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { ticket } = await takeTicket(app);
    const url = `/api/console/tickets/${ticket.id}/call-token`;
    assertApiError(await consolePost(app, cookie, url), 409, 'not_admitted');
    const { call } = await admit(app, cookie, ticket.id);
    const rejoin = await consolePost(app, cookie, url);
    assert.equal(rejoin.statusCode, 200);
    assert.equal(rejoin.json<AdmitResponse>().call.identity, call.identity);
  });

  it("refuses a colleague a token for a call they are not in (issue 14, #1)", async (t) => {
    const app = testApp(t, db);
    const [alice, bob] = [await signIn(app), await signIn(app)];
    const { ticket } = await takeTicket(app);
    const { call } = await admit(app, alice, ticket.id);
    const url = `/api/console/tickets/${ticket.id}/call-token`;
    assert.match(assertApiError(await consolePost(app, bob, url), 403, 'not_your_call'), /admitted/);
    const rejoin = await consolePost(app, alice, url);
    assert.equal(rejoin.statusCode, 200, rejoin.body);
    assert.equal(rejoin.json<AdmitResponse>().call.identity, call.identity);
  });

  it('ends the call for the citizen, even when LiveKit cannot be reached', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { secret, ticket } = await takeTicket(app);
    await admit(app, cookie, ticket.id);
    const end = await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/end`);
    assert.equal(end.statusCode, 204, end.body);

    assertApiError(
      await app.inject({ url: '/api/tickets/current', headers: bearer(secret) }),
      410,
      'ticket_ended',
    );
    assertApiError(
      await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/end`),
      410,
      'ticket_ended',
    );
    const queue = await app.inject({ url: '/api/console/queue', headers: { cookie } });
    assert.deepEqual(queue.json(), { entries: [] });
  });

  it("ends a waiting citizen's ticket too, and says so for unknown ones", async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { secret, ticket } = await takeTicket(app);
    assert.equal(
      (await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/end`)).statusCode,
      204,
    );
    assertApiError(
      await app.inject({ url: '/api/tickets/current', headers: bearer(secret) }),
      410,
      'ticket_ended',
    );
    assertApiError(
      await consolePost(app, cookie, '/api/console/tickets/nope/end'),
      400,
      'bad_request',
    );
    assertApiError(
      await consolePost(
        app,
        cookie,
        '/api/console/tickets/00000000-0000-4000-8000-000000000000/end',
      ),
      404,
      'ticket_unknown',
    );
  });
});
