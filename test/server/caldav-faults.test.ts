import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CouplingsResponse } from '../../src/protocol/index.js';
import { buildApp } from '../../src/server/app.js';
import { bookingBody, bookingConfig, freeSlotList, postBooking } from './booking-support.js';
import { caldavConfig } from './caldav-support.js';
import { assertApiError, signIn, testApp, testLivekit, useTestStore, waitFor } from './helpers.js';
import { startRadicale, type Radicale } from '../../demo/radicale.js';
import { startHoldingProxy } from './holding-proxy.js';

describe('a calendar coupling that fails', () => {
  const db = useTestStore();
  let radicale: Radicale;
  before(async () => {
    radicale = await startRadicale();
  });
  after(() => radicale?.dispose());

  let count = 0;
  const calendar = () => radicale.makeCalendar('anna', `storing-${++count}`);
  const bookings = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM booking`)).rows[0]!.n;
  async function couplings(app: ReturnType<typeof testApp>, cookie: string) {
    const response = await app.inject({ url: '/api/console/couplings', headers: { cookie } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<CouplingsResponse>().couplings;
  }

  it('refuses bookings while the calendar server is down, keeps nothing, tells the console, and books again once it is back', async (t) => {
    const path = await calendar();
    const balie = testApp(t, db, { config: caldavConfig(radicale.url, [path]), caldavCredentials: radicale.balie });
    const [slot] = await freeSlotList(balie);
    const cookie = await signIn(balie);
    assert.equal((await couplings(balie, cookie))[0]!.state, 'ok');
    await radicale.stop();
    try {
      const refused = await postBooking(balie, bookingBody(slot!.start));
      const message = assertApiError(refused, 503, 'calendar_unavailable');
      assert.match(message, /cannot connect.*nothing was booked/);
      assert.equal(await bookings(), 0, 'no booking without its event');
      assertApiError(await balie.inject({ url: '/api/slots?product=zaal-huren' }), 503, 'calendar_unavailable');
      const down = await waitFor(async () => (await couplings(balie, cookie)).find((c) => c.state === 'down'), 'the console to see it down', 10_000);
      assert.deepEqual([down.id, down.problem, down.productNames], ['agenda', 'unreachable', ['Zaal huren', 'Paspoort aanvragen']]);
      assert.match(down.detail!, /cannot connect/);
    } finally {
      await radicale.start();
    }
    await waitFor(async () => ((await couplings(balie, cookie))[0]!.state === 'ok' ? true : undefined), 'the console to see it back', 10_000);
    const booked = await postBooking(balie, bookingBody(slot!.start));
    assert.equal(booked.statusCode, 201, booked.body);
  });

  it('refuses a booking within the timeout when the calendar server does not answer, and leaves no event behind', async (t) => {
    const path = await calendar();
    const proxy = await startHoldingProxy(radicale.port);
    t.after(() => proxy.close());
    const balie = testApp(t, db, { config: caldavConfig(proxy.url, [path], 1), caldavCredentials: radicale.balie });
    const [slot] = await freeSlotList(balie);
    proxy.hold();
    const started = Date.now();
    const refused = await postBooking(balie, bookingBody(slot!.start));
    assert.match(assertApiError(refused, 503, 'calendar_unavailable'), /no answer within 1 s/);
    assert.ok(Date.now() - started < 5_000, `answered after ${Date.now() - started} ms`);
    assert.equal(await bookings(), 0);
    proxy.release();
    assert.deepEqual(await radicale.events(path), [], 'nothing reached the calendar');
    const booked = await postBooking(balie, bookingBody(slot!.start));
    assert.equal(booked.statusCode, 201, booked.body);
  });

  it('shows refused credentials in the console, and refuses bookings meanwhile', async (t) => {
    const path = await calendar();
    const balie = testApp(t, db, {
      config: caldavConfig(radicale.url, [path]),
      caldavCredentials: { username: 'balie', password: 'niet-het-wachtwoord' },
    });
    const cookie = await signIn(balie);
    const [health] = await couplings(balie, cookie);
    assert.deepEqual([health!.state, health!.problem], ['down', 'refused']);
    assert.match(health!.detail!, /HTTP 401/);
    // A slot on the half-hour grid an hour from now (the slot list itself is refused too).
    const onGrid = new Date(Math.ceil(Date.now() / 1_800_000) * 1_800_000 + 3_600_000).toISOString();
    assertApiError(await postBooking(balie, bookingBody(onGrid)), 503, 'calendar_unavailable');
  });

  it('lets only employees see the couplings', async (t) => {
    const balie = testApp(t, db, { config: caldavConfig(radicale.url, [await calendar()]), caldavCredentials: radicale.balie });
    assertApiError(await balie.inject({ url: '/api/console/couplings' }), 401, 'unauthorized');
  });

  it('lists no couplings when every product uses the built-in store', async (t) => {
    const balie = testApp(t, db, { config: bookingConfig });
    assert.deepEqual(await couplings(balie, await signIn(balie)), []);
  });

  it('will not start with a product naming a backend the config does not have', () => {
    const config = caldavConfig(radicale.url, ['/anna/x/']);
    config.products[0] = { ...config.products[0]!, appointmentBackend: 'jcc' };
    assert.throws(
      () => buildApp({ config, db, livekit: testLivekit, allowedOrigins: [] }),
      /product "zaal-huren" names appointmentBackend "jcc", but the config's appointmentBackends has no such entry \(it has: agenda\)/,
    );
  });
});
