import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { CallTokenResponse, GuestInviteResponse, GuestListResponse, RedeemGuestLinkResponse } from '../../src/protocol/index.js';
import { admit, assertApiError, bearer, consolePost, JSON_TYPE, signIn, takeTicket, testApp, verifyToken, useTestStore } from './helpers.js';

describe('guest links for an interpreter', () => {
  const db = useTestStore();

  /** A citizen in a call and an employee who made a guest link for it. */
  async function callWithInvite(app: FastifyInstance) {
    const cookie = await signIn(app);
    const { ticket, secret } = await takeTicket(app);
    const employee = await admit(app, cookie, ticket.id);
    const response = await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests`);
    assert.equal(response.statusCode, 201, response.body);
    const invite = response.json<GuestInviteResponse>();
    const code = new URL(invite.inviteUrl).hash.replace('#balie-gast=', '');
    return { cookie, ticket, secret, employee, invite, code };
  }

  const redeem = (app: FastifyInstance, code: string) =>
    app.inject({ method: 'POST', url: '/api/guests', headers: JSON_TYPE, payload: JSON.stringify({ code }) });

  it('makes a link with the code in the fragment, valid for minutes', async (t) => {
    const app = testApp(t, db);
    const { invite, code } = await callWithInvite(app);
    assert.match(invite.inviteUrl, /^http:\/\/localhost(:\d+)?\/gast\/#balie-gast=[A-Za-z0-9_-]{43}$/);
    assert.equal(code.length, 43);
    const minutes = (Date.parse(invite.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 10 && minutes <= 15, `expires in ${minutes} minutes`);
  });

  it('lets a guest in only after the employee admits them, into the same room, as interpreter', async (t) => {
    const app = testApp(t, db);
    const { cookie, ticket, employee, code } = await callWithInvite(app);
    const redeemed = await redeem(app, code);
    assert.equal(redeemed.statusCode, 201, redeemed.body);
    const { secret } = redeemed.json<RedeemGuestLinkResponse>();
    const tokenUrl = '/api/guests/current/call-token';
    assertApiError(await app.inject({ method: 'POST', url: tokenUrl, headers: bearer(secret) }), 409, 'not_admitted');

    const list = await app.inject({ method: 'GET', url: `/api/console/tickets/${ticket.id}/guests`, headers: { cookie } });
    const [guest] = list.json<GuestListResponse>().guests;
    assert.equal(guest.state, 'waiting');
    assert.equal((await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests/${guest.id}/admit`)).statusCode, 204);
    assertApiError(await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests/${guest.id}/admit`), 409, 'already_admitted');

    const token = await app.inject({ method: 'POST', url: tokenUrl, headers: bearer(secret) });
    assert.equal(token.statusCode, 200, token.body);
    const { call } = token.json<CallTokenResponse>();
    const claims = await verifyToken(call.token);
    const employeeClaims = await verifyToken(employee.call.token);
    assert.equal(call.role, 'interpreter');
    assert.match(call.identity, /^i-[0-9a-f]{24}$/);
    assert.equal(claims.video?.room, employeeClaims.video?.room);
    assert.equal(claims.video?.roomAdmin, undefined);
    assert.equal(claims.video?.roomCreate, undefined);
    assert.deepEqual(JSON.parse(claims.metadata ?? '{}'), { role: 'interpreter' });
  });

  it("lets only the employee in the call invite and admit a guest (issue 14, #1)", async (t) => {
    const app = testApp(t, db);
    const { ticket, code } = await callWithInvite(app);
    const colleague = await signIn(app);
    const guests = `/api/console/tickets/${ticket.id}/guests`;
    assertApiError(await consolePost(app, colleague, guests), 403, 'not_your_call');
    const list = await app.inject({ method: 'GET', url: guests, headers: { cookie: colleague } });
    assertApiError(list, 403, 'not_your_call');
    assert.equal((await redeem(app, code)).statusCode, 201);
    const [row] = (await db.query<{ id: string }>('SELECT id FROM guest_invite WHERE ticket_id = $1', [ticket.id])).rows;
    assertApiError(await consolePost(app, colleague, `${guests}/${row!.id}/admit`), 403, 'not_your_call');
  });

  it('refuses a link that was already used', async (t) => {
    const app = testApp(t, db);
    const { code } = await callWithInvite(app);
    assert.equal((await redeem(app, code)).statusCode, 201);
    assertApiError(await redeem(app, code), 410, 'guest_link_used');
  });

  it('gives one seat when the same link is opened twice at once', async (t) => {
    const app = testApp(t, db);
    const { code } = await callWithInvite(app);
    const results = await Promise.all([redeem(app, code), redeem(app, code), redeem(app, code)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 410, 410]);
  });

  it('refuses an expired link', async (t) => {
    const app = testApp(t, db);
    const { code } = await callWithInvite(app);
    await db.query(`UPDATE guest_invite SET expires_at = now() - interval '1 second'`);
    assertApiError(await redeem(app, code), 410, 'guest_link_expired');
  });

  it('refuses an unknown or malformed code', async (t) => {
    const app = testApp(t, db);
    assertApiError(await redeem(app, 'A'.repeat(43)), 404, 'guest_link_unknown');
    assertApiError(await redeem(app, 'short'), 400, 'bad_request');
  });

  it('ends the guest when the call ends', async (t) => {
    const app = testApp(t, db);
    const { cookie, ticket, secret: citizenSecret, code } = await callWithInvite(app);
    const { secret } = (await redeem(app, code)).json<RedeemGuestLinkResponse>();
    const [guest] = (await app.inject({ method: 'GET', url: `/api/console/tickets/${ticket.id}/guests`, headers: { cookie } })).json<GuestListResponse>().guests;
    await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests/${guest.id}/admit`);
    await app.inject({ method: 'POST', url: '/api/tickets/current/leave', headers: bearer(citizenSecret) });
    const state = await app.inject({ method: 'GET', url: '/api/guests/current', headers: bearer(secret) });
    assert.equal(state.json().state, 'ended');
    assertApiError(await app.inject({ method: 'POST', url: '/api/guests/current/call-token', headers: bearer(secret) }), 410, 'ticket_ended');
  });

  it('only lets a signed-in employee make links, and only for a call that is on', async (t) => {
    const app = testApp(t, db);
    const { ticket } = await takeTicket(app);
    const anonymous = await app.inject({ method: 'POST', url: `/api/console/tickets/${ticket.id}/guests`, headers: JSON_TYPE, payload: '{}' });
    assertApiError(anonymous, 401, 'unauthorized');
    const cookie = await signIn(app);
    assertApiError(await consolePost(app, cookie, `/api/console/tickets/${ticket.id}/guests`), 409, 'not_admitted');
    assertApiError(await consolePost(app, cookie, '/api/console/tickets/not-a-uuid/guests'), 400, 'bad_request');
  });

  it('serves the guest page under the console page headers', async (t) => {
    const app = testApp(t, db);
    const page = await app.inject({ method: 'GET', url: '/gast/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<balie-gast><\/balie-gast>/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  });
});
