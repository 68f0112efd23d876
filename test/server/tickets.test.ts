import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallTokenResponse, WaitingTicketView } from '../../src/protocol/index.js';
import { sha256Hex } from '../../src/server/http/secrets.js';
import {
  admit,
  assertApiError,
  bearer,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  verifyToken,
} from './helpers.js';

describe("the citizen's ticket", () => {
  const db = useTestStore();

  it('puts the citizen at the back of the queue with a bearer secret', async (t) => {
    const app = testApp(t, db);
    const first = await takeTicket(app);
    const second = await takeTicket(app, { product: 'rijbewijs', audioOnly: true });

    assert.match(first.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(first.secret, second.secret);
    assert.deepEqual(Object.keys(first.ticket).sort(), [
      'createdAt',
      'id',
      'position',
      'product',
      'state',
    ]);
    assert.equal(first.ticket.state, 'waiting');
    assert.equal(first.ticket.position, 1);
    assert.equal(second.ticket.position, 2);
    assert.equal(second.ticket.product, 'rijbewijs');
    assert.ok(!Number.isNaN(Date.parse(first.ticket.createdAt)));
  });

  it('keeps only a hash of the secret in the store', async (t) => {
    const app = testApp(t, db);
    const { secret, ticket } = await takeTicket(app);
    const { rows } = await db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM waiting_ticket WHERE id = $1',
      [ticket.id],
    );
    assert.equal(rows[0]!.secret_hash, sha256Hex(secret));
  });

  it('shows the citizen their own ticket', async (t) => {
    const app = testApp(t, db);
    await takeTicket(app);
    const { secret, ticket } = await takeTicket(app);
    const response = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json<WaitingTicketView>(), { ...ticket, position: 2 });
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  const badRequests: { name: string; payload?: string; contentType?: string; message: RegExp }[] = [
    {
      name: 'unparseable JSON',
      payload: '{"product":',
      contentType: 'application/json',
      message: /JSON/i,
    },
    { name: 'no body', message: /\(root\): expected an object/ },
    {
      name: 'a missing product',
      payload: '{}',
      contentType: 'application/json',
      message: /product: expected text/,
    },
    {
      name: 'an empty product',
      payload: '{"product":""}',
      contentType: 'application/json',
      message: /product: expected/,
    },
    {
      name: 'audioOnly that is not a boolean',
      payload: '{"product":"paspoort","audioOnly":"yes"}',
      contentType: 'application/json',
      message: /audioOnly: expected true or false/,
    },
    {
      name: 'an unknown field',
      payload: '{"product":"paspoort","bsn":"123"}',
      contentType: 'application/json',
      message: /bsn: expected no such field/,
    },
    {
      name: 'a JSON array',
      payload: '[]',
      contentType: 'application/json',
      message: /\(root\): expected an object/,
    },
  ];
  for (const { name, payload, contentType, message } of badRequests) {
    it(`refuses ${name} with 400 bad_request`, async (t) => {
      const app = testApp(t, db);
      const response = await app.inject({
        method: 'POST',
        url: '/api/tickets',
        payload,
        headers: contentType ? { 'content-type': contentType } : {},
      });
      assert.match(assertApiError(response, 400, 'bad_request'), message);
    });
  }

  it('refuses a product the municipality does not offer with 404 product_unknown', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: { product: 'hondenbelasting' },
    });
    assert.match(assertApiError(response, 404, 'product_unknown'), /"hondenbelasting"/);
  });

  const citizenRoutes = [
    ['GET', '/api/tickets/current'],
    ['GET', '/api/tickets/current/events'],
    ['POST', '/api/tickets/current/call-token'],
    ['POST', '/api/tickets/current/leave'],
  ] as const;
  for (const [method, url] of citizenRoutes) {
    it(`${method} ${url} asks for the bearer secret`, async (t) => {
      const app = testApp(t, db);
      assertApiError(await app.inject({ method, url }), 401, 'unauthorized');
      assertApiError(
        await app.inject({ method, url, headers: { authorization: 'Basic abc' } }),
        401,
        'unauthorized',
      );
      assertApiError(
        await app.inject({ method, url, headers: bearer('too-short') }),
        401,
        'unauthorized',
      );
      assertApiError(
        await app.inject({ method, url, headers: bearer('x'.repeat(43)) }),
        404,
        'ticket_unknown',
      );
    });
  }

  it('gives no call token before an employee admits the citizen', async (t) => {
    const app = testApp(t, db);
    const { secret } = await takeTicket(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/tickets/current/call-token',
      headers: bearer(secret),
    });
    assertApiError(response, 409, 'not_admitted');
  });

  it("gives the admitted citizen a token for the employee's room, again on reconnect", async (t) => {
    const app = testApp(t, db);
    const { secret, ticket } = await takeTicket(app);
    const { call: employee } = await admit(app, await signIn(app), ticket.id);

    const view = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
    assert.deepEqual(view.json<WaitingTicketView>(), { ...ticket, state: 'admitted', position: 0 });

    const tokens: CallTokenResponse[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/tickets/current/call-token',
        headers: bearer(secret),
      });
      assert.equal(response.statusCode, 200, response.body);
      tokens.push(response.json<CallTokenResponse>());
    }
    const [first, again] = tokens.map((r) => r.call);
    assert.equal(first!.role, 'citizen');
    assert.match(first!.identity, /^c-[0-9a-f]+$/);
    assert.equal(
      again!.identity,
      first!.identity,
      'a reconnect keeps the identity, so LiveKit replaces the old connection',
    );
    assert.notEqual(first!.identity, employee.identity);

    const claims = await verifyToken(first!.token);
    const employeeClaims = await verifyToken(employee.token);
    assert.equal(claims.sub, first!.identity);
    assert.equal(claims.video?.room, employeeClaims.video?.room);
    assert.match(claims.video!.room!, /^balie-[0-9a-f]{32}$/);
    assert.equal(claims.video?.roomAdmin, undefined);
    assert.deepEqual(JSON.parse(claims.metadata!), { role: 'citizen' });
  });

  it('lets the citizen leave, after which the secret opens nothing', async (t) => {
    const app = testApp(t, db);
    const { secret } = await takeTicket(app);
    const leave = await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(secret),
    });
    assert.equal(leave.statusCode, 204);

    const headers = bearer(secret);
    assertApiError(await app.inject({ url: '/api/tickets/current', headers }), 410, 'ticket_ended');
    assertApiError(
      await app.inject({ url: '/api/tickets/current/events', headers }),
      410,
      'ticket_ended',
    );
    assertApiError(
      await app.inject({ method: 'POST', url: '/api/tickets/current/call-token', headers }),
      410,
      'ticket_ended',
    );
    assertApiError(
      await app.inject({ method: 'POST', url: '/api/tickets/current/leave', headers }),
      410,
      'ticket_ended',
    );
  });

  it('lets an admitted citizen hang up even when LiveKit cannot be reached', async (t) => {
    const app = testApp(t, db);
    const { secret, ticket } = await takeTicket(app);
    await admit(app, await signIn(app), ticket.id);
    const leave = await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(secret),
    });
    assert.equal(leave.statusCode, 204);
    const { rows } = await db.query<{ end_reason: string }>(
      'SELECT end_reason FROM waiting_ticket WHERE id = $1',
      [ticket.id],
    );
    assert.equal(rows[0]!.end_reason, 'left');
  });

  it('moves everyone behind up when someone ahead leaves', async (t) => {
    const app = testApp(t, db);
    const [a, b, c] = [await takeTicket(app), await takeTicket(app), await takeTicket(app)];
    await app.inject({
      method: 'POST',
      url: '/api/tickets/current/leave',
      headers: bearer(a.secret),
    });
    const positions = [];
    for (const { secret } of [b, c]) {
      const response = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
      positions.push(response.json<WaitingTicketView>().position);
    }
    assert.deepEqual(positions, [1, 2]);
  });
});
