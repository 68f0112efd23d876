import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type {
  BalieConfig,
  CitizenSessionResponse,
  CreateBookingResponse,
  CreateTicketResponse,
  ExchangeIdentityCodeResponse,
} from '../../src/protocol/index.js';
import type { IdentityOptions } from '../../src/server/identity/index.js';
import { saveLogin } from '../../src/server/identity/identity-store.js';
import { newSecret, sha256Hex } from '../../src/server/http/secrets.js';
import { bookingBody, bookingConfig, freeSlotList, newKey, postBooking } from './booking-support.js';
import { ALLOWED_ORIGIN, assertApiError, bearer, JSON_TYPE, testApp, testConfig, useTestStore } from './helpers.js';

const BSN = '999993653';
const COOKIE = '__Host-balie_citizen';
const FROM_SITE = { origin: ALLOWED_ORIGIN };

/** Identity routes need a provider; these tests never go to it (identity.test.ts does). */
const identity: IdentityOptions = {
  providers: [
    {
      id: 'digid',
      issuer: 'http://127.0.0.1:1/',
      clientId: 'balie',
      clientSecret: 'secret',
      redirectUri: 'http://balie.test/api/identity/callback',
    },
  ],
  returnUrlAllowlist: ['https://www.testdorp.nl/'],
};

/** Walk-in at any hour, for a product that needs DigiD. */
const walkInConfig: BalieConfig = {
  ...testConfig,
  products: [{ id: 'paspoort', name: 'Paspoort aanvragen', levelOfAssurance: 'substantieel' }],
};

/** What the citizen's browser holds after a login. */
interface LoggedIn {
  /** The token in the exchange's answer, which the widget keeps in memory without the cookie. */
  session: string;
  /** The whole `Set-Cookie` of the exchange. */
  setCookie: string;
  /** The `Cookie` header the browser sends back. */
  cookie: string;
}

function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  return String(Array.isArray(header) ? header[0] : header);
}

describe("the citizen's session after DigiD (issue #7)", () => {
  const db = useTestStore();

  function app(t: Parameters<typeof testApp>[0], config: BalieConfig = bookingConfig, sessions = {}): FastifyInstance {
    return testApp(t, db, { config, identity, sessions });
  }

  /**
   * A verified login (as the OIDC callback stores it) and its one-time code exchanged the way the
   * widget does it, from the municipal page.
   */
  async function logIn(balie: FastifyInstance, headers: Record<string, string> = {}): Promise<LoggedIn> {
    const [code, binding] = [newSecret(), newSecret()];
    await saveLogin(
      db,
      { provider: 'digid', nationalNumber: BSN, levelOfAssurance: 'substantieel', name: 'Fatima de Vries' },
      { codeHash: sha256Hex(code), bindingHash: sha256Hex(binding), ttlSeconds: 60 },
    );
    const response = await balie.inject({
      method: 'POST',
      url: '/api/identity/exchange',
      headers: { ...JSON_TYPE, ...FROM_SITE, ...headers },
      payload: { code, binding },
    });
    assert.equal(response.statusCode, 200, response.body);
    const setCookie = cookieOf(response);
    return {
      session: response.json<ExchangeIdentityCodeResponse>().session,
      setCookie,
      cookie: setCookie.split(';')[0]!,
    };
  }

  async function sessionState(balie: FastifyInstance, headers: Record<string, string>): Promise<CitizenSessionResponse> {
    const response = await balie.inject({ url: '/api/identity/session', headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<CitizenSessionResponse>();
  }

  const withCookie = (cookie: string) => ({ cookie, ...FROM_SITE });

  it('lives in a __Host- cookie that is Secure, HttpOnly, SameSite=None and Partitioned, the same token as the answer', async (t) => {
    const balie = app(t);
    const { session, setCookie, cookie } = await logIn(balie);
    const [pair, ...attributes] = setCookie.split('; ');
    assert.equal(pair, `${COOKIE}=${session}`);
    assert.deepEqual(new Set(attributes), new Set(['Secure', 'HttpOnly', 'SameSite=None', 'Partitioned', 'Path=/', 'Max-Age=3600']));
    assert.ok(!attributes.some((a) => a.startsWith('Domain')), 'a __Host- cookie has no Domain');
    const state = await sessionState(balie, withCookie(cookie));
    assert.equal(state.identified, true);
    assert.deepEqual(state.identified && state.identity, { name: 'Fatima de Vries', levelOfAssurance: 'substantieel', provider: 'digid' });
    assert.ok(!JSON.stringify(state).includes(BSN), 'no BSN in the answer');
  });

  it('gets a new id at every login, and the session the browser had before ends', async (t) => {
    const balie = app(t);
    const first = await logIn(balie);
    const second = await logIn(balie, { cookie: first.cookie });
    assert.notEqual(second.session, first.session);
    assert.deepEqual(await sessionState(balie, withCookie(first.cookie)), { identified: false });
    assert.deepEqual(await sessionState(balie, bearer(first.session)), { identified: false });
    assert.equal((await sessionState(balie, withCookie(second.cookie))).identified, true);
  });

  it('never adopts a session id planted in the browser before the login (fixation)', async (t) => {
    const balie = app(t);
    const planted = newSecret();
    const { session } = await logIn(balie, { cookie: `${COOKIE}=${planted}` });
    assert.notEqual(session, planted);
    assert.deepEqual(await sessionState(balie, withCookie(`${COOKIE}=${planted}`)), { identified: false });
    assert.deepEqual(await sessionState(balie, bearer(planted)), { identified: false });
  });

  it('books with the cookie alone, from the municipal site only', async (t) => {
    const balie = app(t);
    const { cookie } = await logIn(balie);
    const [slot, other] = await freeSlotList(balie, 'paspoort');
    const body = (start: string) => bookingBody(start, { product: 'paspoort' });

    const elsewhere = await postBooking(balie, body(slot!.start), newKey(), { cookie, origin: 'https://evil.example' });
    assertApiError(elsewhere, 401, 'identity_required');
    const noOrigin = await postBooking(balie, body(slot!.start), newKey(), { cookie });
    assertApiError(noOrigin, 401, 'identity_required');

    const booked = await postBooking(balie, body(other!.start), newKey(), withCookie(cookie));
    assert.equal(booked.statusCode, 201, booked.body);
    const { rows } = await db.query<{ national_number: string }>(
      `SELECT l.national_number FROM booking b JOIN identity_login l ON l.id = b.identity_login_id`,
    );
    assert.deepEqual(rows, [{ national_number: BSN }], 'the booking carries the verified identity');
  });

  it('is bound to the one booking it makes: no second booking, no ticket, no other appointment or ticket', async (t) => {
    const balie = app(t);
    const { session, cookie } = await logIn(balie);
    const [first, second] = await freeSlotList(balie, 'paspoort');
    const key = newKey();
    const made = await postBooking(balie, bookingBody(first!.start, { product: 'paspoort' }), key, withCookie(cookie));
    assert.equal(made.statusCode, 201, made.body);
    const { booking, manageSecret } = made.json<CreateBookingResponse>();

    const retried = await postBooking(balie, bookingBody(first!.start, { product: 'paspoort' }), key, withCookie(cookie));
    assert.equal(retried.statusCode, 200, 'a retry of the same booking is the same booking');
    assert.equal(retried.json<CreateBookingResponse>().booking.id, booking.id);

    for (const headers of [withCookie(cookie), bearer(session)]) {
      const again = await postBooking(balie, bookingBody(second!.start, { product: 'paspoort' }), newKey(), headers);
      assertApiError(again, 403, 'identity_session_bound');
    }
    assert.equal((await freeSlotList(balie, 'paspoort')).some((s) => s.start === second!.start), true, 'the second slot is still free');
    assert.deepEqual(await sessionState(balie, withCookie(cookie)), { identified: false }, 'spent: a reload does not restore it');

    // The session opens no appointment (the manage secret does) and no ticket (its own secret does).
    assertApiError(await balie.inject({ url: '/api/bookings/current', headers: bearer(session) }), 404, 'booking_unknown');
    assertApiError(await balie.inject({ url: '/api/bookings/current', headers: withCookie(cookie) }), 401, 'unauthorized');
    assertApiError(await balie.inject({ url: '/api/tickets/current', headers: bearer(session) }), 404, 'ticket_unknown');
    assertApiError(await balie.inject({ url: '/api/tickets/current', headers: withCookie(cookie) }), 401, 'unauthorized');
    const appointment = await balie.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.equal(appointment.statusCode, 200, 'the manage secret still opens it');
  });

  it('is not spent by a slot taken meanwhile: the citizen picks another', async (t) => {
    const balie = app(t);
    const { cookie } = await logIn(balie);
    const [taken, next] = await freeSlotList(balie, 'paspoort');
    const other = await logIn(balie);
    const first = await postBooking(balie, bookingBody(taken!.start, { product: 'paspoort' }), newKey(), withCookie(other.cookie));
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(
      (await postBooking(balie, bookingBody(taken!.start, { product: 'paspoort' }), newKey(), withCookie(cookie))).statusCode,
      409,
    );
    const picked = await postBooking(balie, bookingBody(next!.start, { product: 'paspoort' }), newKey(), withCookie(cookie));
    assert.equal(picked.statusCode, 201, picked.body);
  });

  it('takes one walk-in ticket and then nothing else', async (t) => {
    const balie = app(t, walkInConfig);
    const { cookie } = await logIn(balie);
    const take = () =>
      balie.inject({ method: 'POST', url: '/api/tickets', headers: { ...JSON_TYPE, ...withCookie(cookie) }, payload: { product: 'paspoort' } });
    const first = await take();
    assert.equal(first.statusCode, 201, first.body);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM waiting_ticket WHERE identity_login_id IS NOT NULL`);
    assert.equal(rows[0]!.n, 1);
    assertApiError(await take(), 403, 'identity_session_bound');
    const ticket = first.json<CreateTicketResponse>();
    const own = await balie.inject({ url: '/api/tickets/current', headers: bearer(ticket.secret) });
    assert.equal(own.statusCode, 200, 'the ticket opens with its own secret');
  });

  it('ends after its idle time without a request, however young', async (t) => {
    const balie = app(t);
    const { cookie } = await logIn(balie);
    const idleFor = (minutes: number) =>
      db.query(`UPDATE identity_session SET last_used_at = now() - make_interval(mins => $1)`, [minutes]);
    await idleFor(14);
    assert.equal((await sessionState(balie, withCookie(cookie))).identified, true);
    await idleFor(14);
    assert.equal((await sessionState(balie, withCookie(cookie))).identified, true, 'each request restarts the idle time');
    await idleFor(16);
    assert.deepEqual(await sessionState(balie, withCookie(cookie)), { identified: false });
    const [slot] = await freeSlotList(balie, 'paspoort');
    assertApiError(await postBooking(balie, bookingBody(slot!.start, { product: 'paspoort' }), newKey(), withCookie(cookie)), 401, 'identity_required');
  });

  it('ends at its absolute end however busy', async (t) => {
    const balie = app(t);
    const { cookie } = await logIn(balie);
    await db.exec(`UPDATE identity_session SET expires_at = now() - interval '1 second', last_used_at = now()`);
    assert.deepEqual(await sessionState(balie, withCookie(cookie)), { identified: false });
  });

  it('takes its lifetimes from the settings', async (t) => {
    const balie = app(t, bookingConfig, { citizenIdleSeconds: 120, citizenMaxSeconds: 600 });
    const { setCookie } = await logIn(balie);
    assert.match(setCookie, /Max-Age=600(;|$)/);
    const { rows } = await db.query<{ idle: number; max: number }>(
      `SELECT idle_seconds AS idle, round(extract(epoch FROM expires_at - created_at))::int AS max FROM identity_session`,
    );
    assert.deepEqual(rows, [{ idle: 120, max: 600 }]);
  });

  it('is dead on the server after logging out, for the cookie and the token alike', async (t) => {
    const balie = app(t);
    const { session, cookie } = await logIn(balie);
    const out = await balie.inject({ method: 'DELETE', url: '/api/identity/session', headers: withCookie(cookie) });
    assert.equal(out.statusCode, 204);
    assert.equal(cookieOf(out), `${COOKIE}=; Secure; HttpOnly; SameSite=None; Partitioned; Path=/; Max-Age=0`);
    assert.deepEqual(await sessionState(balie, withCookie(cookie)), { identified: false });
    assert.deepEqual(await sessionState(balie, bearer(session)), { identified: false });
    const [slot] = await freeSlotList(balie, 'paspoort');
    const body = bookingBody(slot!.start, { product: 'paspoort' });
    assertApiError(await postBooking(balie, body, newKey(), bearer(session)), 401, 'identity_required');

    const other = await logIn(balie);
    const byToken = await balie.inject({ method: 'DELETE', url: '/api/identity/session', headers: bearer(other.session) });
    assert.equal(byToken.statusCode, 204);
    assert.deepEqual(await sessionState(balie, withCookie(other.cookie)), { identified: false });
  });

  it('lets the municipal site send the cookie to the session routes only, and no other site at all', async (t) => {
    const balie = app(t);
    const preflight = (url: string, origin: string, method: string) =>
      balie.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': method } });
    for (const [url, method] of [
      ['/api/identity/session', 'DELETE'],
      ['/api/identity/exchange', 'POST'],
      ['/api/bookings', 'POST'],
      ['/api/tickets', 'POST'],
    ] as const) {
      const allowed = await preflight(url, ALLOWED_ORIGIN, method);
      assert.equal(allowed.statusCode, 204, url);
      assert.equal(allowed.headers['access-control-allow-credentials'], 'true', url);
      assert.match(String(allowed.headers['access-control-allow-methods']), new RegExp(method), url);
      const evil = await preflight(url, 'https://evil.example', method);
      assert.equal(evil.headers['access-control-allow-origin'], undefined, url);
      assert.equal(evil.headers['access-control-allow-credentials'], undefined, url);
    }
    const stream = await preflight('/api/tickets/current/events', ALLOWED_ORIGIN, 'GET');
    assert.equal(stream.headers['access-control-allow-credentials'], undefined, 'no credentials where no cookie is read');
  });
});
