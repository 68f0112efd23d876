import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { balieConfigSchema, formatIssues, parse, type BalieConfig, type FiguresResponse } from '../../src/protocol/index.js';
import { insertPayment, updateStatus } from '../../src/server/payments/payment-store.js';
import {
  JSON_TYPE,
  admit,
  assertApiError,
  bearer,
  consolePost,
  signIn,
  takeTicket,
  testApp,
  testConfig,
  useTestStore,
} from './helpers.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

/** One call made in the test, and the times it is then given (Amsterdam local time). */
interface KnownCall {
  product: string;
  joined: string;
  waitSeconds: number;
  callSeconds: number;
  score?: number;
  outcome?: string;
}

const calls: KnownCall[] = [
  { product: 'paspoort', joined: '2026-11-20 09:00', waitSeconds: 60, callSeconds: 600, score: 4, outcome: 'afgehandeld' },
  { product: 'paspoort', joined: '2026-11-20 10:00', waitSeconds: 120, callSeconds: 900, score: 5, outcome: 'vervolg-nodig' },
  { product: 'paspoort', joined: '2026-11-20 23:30', waitSeconds: 300, callSeconds: 1200 },
  { product: 'rijbewijs', joined: '2026-11-21 11:00', waitSeconds: 30, callSeconds: 300 },
];

describe('figures for the beheerder', () => {
  const db = useTestStore();
  const provider = useEmployeeProvider();

  function app(t: Parameters<typeof testApp>[0], config: BalieConfig = testConfig): FastifyInstance {
    return testApp(t, db, {
      employeeLogin: provider.login,
      config: { ...config, figures: { kmPerTrip: 20, gramsCo2PerKm: 150 } },
    });
  }

  /** Makes the calls through the real routes, then moves them to known times; their ticket ids. */
  async function makeCalls(balie: FastifyInstance, made: KnownCall[] = calls): Promise<string[]> {
    const cookie = await signIn(balie);
    const ids: string[] = [];
    for (const call of made) {
      const { ticket, secret } = await takeTicket(balie, { product: call.product });
      await admit(balie, cookie, ticket.id);
      await consolePost(balie, cookie, `/api/console/tickets/${ticket.id}/end`);
      if (call.score) {
        const feedback = await balie.inject({
          method: 'POST',
          url: '/api/tickets/current/feedback',
          headers: { ...bearer(secret), ...JSON_TYPE },
          payload: { score: call.score },
        });
        assert.equal(feedback.statusCode, 204, feedback.body);
      }
      if (call.outcome) {
        await balie.inject({
          method: 'PUT',
          url: `/api/console/tickets/${ticket.id}/outcome`,
          headers: { cookie, ...JSON_TYPE },
          payload: { outcome: call.outcome },
        });
      }
      await db.query(
        `UPDATE waiting_ticket SET
           created_at = ($2::timestamp AT TIME ZONE 'Europe/Amsterdam'),
           admitted_at = ($2::timestamp AT TIME ZONE 'Europe/Amsterdam') + make_interval(secs => $3),
           ended_at = ($2::timestamp AT TIME ZONE 'Europe/Amsterdam') + make_interval(secs => $3 + $4)
         WHERE id = $1`,
        [ticket.id, call.joined, call.waitSeconds, call.callSeconds],
      );
      ids.push(ticket.id);
    }
    // A citizen still waiting, and one who left before being admitted: no calls.
    await takeTicket(balie);
    return ids;
  }

  /** A payment of the call as the payment routes record it, with the status the provider gave. */
  async function payment(ticketId: string, status: 'paid' | 'canceled'): Promise<void> {
    const row = await insertPayment(db, {
      ticketId,
      product: 'paspoort',
      feeIds: 'paspoort-volwassene',
      description: 'Paspoort volwassene',
      amount: 8430,
      method: 'ideal',
      provider: 'mollie',
      providerId: `tr_${ticketId.slice(0, 8)}`,
      checkoutUrl: null,
      status: 'open',
      requestedBy: 'fatima',
    });
    await updateStatus(db, row!.id, status, status === 'paid' ? new Date() : undefined);
  }

  it('counts calls per day and product, with waiting time, duration, satisfaction and first-time-right', async (t) => {
    const balie = app(t);
    await makeCalls(balie);
    const cookie = await employeeSignsIn(balie, 'Bert');
    const response = await balie.inject({
      url: '/api/console/figures?from=2026-11-20&to=2026-11-21',
      headers: { cookie },
    });
    assert.equal(response.statusCode, 200, response.body);
    const figures = response.json<FiguresResponse>();
    assert.deepEqual(figures.rows, [
      {
        day: '2026-11-20',
        product: 'paspoort',
        productName: 'Paspoort aanvragen',
        calls: 3,
        waitMedianSeconds: 120,
        waitP90Seconds: 264,
        callMedianSeconds: 900,
        noShows: 0,
        feedbackCount: 2,
        satisfaction: 4.5,
        outcomes: 2,
        firstTimeRight: 1,
        paidInCall: 0,
        tripsAvoided: 1,
      },
      {
        day: '2026-11-21',
        product: 'rijbewijs',
        productName: 'Rijbewijs verlengen',
        calls: 1,
        waitMedianSeconds: 30,
        waitP90Seconds: 30,
        callMedianSeconds: 300,
        noShows: 0,
        feedbackCount: 0,
        satisfaction: null,
        outcomes: 0,
        firstTimeRight: 0,
        paidInCall: 0,
        tripsAvoided: 0,
      },
    ]);
    assert.deepEqual(figures.totals, {
      calls: 4,
      waitMedianSeconds: 90,
      waitP90Seconds: 246,
      callMedianSeconds: 750,
      noShows: 0,
      satisfaction: 4.5,
      firstTimeRightShare: 0.5,
      // No product asks a fee.
      paidInCallShare: null,
      // Only the one call whose outcome was first-time-right saved a trip (the default of 1);
      // a call without an outcome or with "vervolg-nodig" saved none. 1 × 20 km × 150 g.
      tripsAvoided: 1,
      kgCo2Avoided: 3,
    });
    assert.deepEqual(figures.basis, {
      kmPerTrip: 20,
      gramsCo2PerKm: 150,
      products: [
        { product: 'paspoort', productName: 'Paspoort aanvragen', tripsSaved: 1, resolvedOutcomes: ['afgehandeld'] },
        { product: 'rijbewijs', productName: 'Rijbewijs verlengen', tripsSaved: 1, resolvedOutcomes: ['afgehandeld'] },
      ],
    });
  });

  it('counts trips per product from the recorded outcomes, and the calls in which the fee was paid', async (t) => {
    const config: BalieConfig = {
      ...testConfig,
      payments: { method: 'ideal' },
      products: [
        // A passport needs a visit for fingerprints anyway: a resolved call saves none.
        { id: 'paspoort', name: 'Paspoort aanvragen', tripsSaved: 0, fees: [{ id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 }] },
        // A driving licence resolved by phone saves the visit to apply and the one to collect.
        { id: 'rijbewijs', name: 'Rijbewijs verlengen', tripsSaved: 2, resolvedOutcomes: ['afgehandeld', 'doorverwezen'] },
      ],
    };
    const balie = app(t, config);
    const day = '2026-11-22';
    const ids = await makeCalls(balie, [
      { product: 'paspoort', joined: `${day} 09:00`, waitSeconds: 10, callSeconds: 100, outcome: 'afgehandeld' },
      { product: 'paspoort', joined: `${day} 09:30`, waitSeconds: 10, callSeconds: 100, outcome: 'afgehandeld' },
      { product: 'paspoort', joined: `${day} 10:00`, waitSeconds: 10, callSeconds: 100 },
      { product: 'paspoort', joined: `${day} 10:30`, waitSeconds: 10, callSeconds: 100 },
      { product: 'rijbewijs', joined: `${day} 11:00`, waitSeconds: 10, callSeconds: 100, outcome: 'afgehandeld' },
      { product: 'rijbewijs', joined: `${day} 11:30`, waitSeconds: 10, callSeconds: 100, outcome: 'doorverwezen' },
      { product: 'rijbewijs', joined: `${day} 12:00`, waitSeconds: 10, callSeconds: 100, outcome: 'vervolg-nodig' },
    ]);
    await payment(ids[0]!, 'paid');
    await payment(ids[1]!, 'canceled');
    const cookie = await employeeSignsIn(balie, 'Bert');
    const response = await balie.inject({ url: `/api/console/figures?from=${day}&to=${day}`, headers: { cookie } });
    const figures = response.json<FiguresResponse>();
    assert.deepEqual(
      figures.rows.map((r) => [r.product, r.calls, r.firstTimeRight, r.paidInCall, r.tripsAvoided]),
      [
        ['paspoort', 4, 2, 1, 0],
        // "doorverwezen" is not first-time-right, but this product counts it as resolved.
        ['rijbewijs', 3, 1, 0, 4],
      ],
    );
    // One of the four passport calls paid its fee in the call (a canceled payment is no payment);
    // the driving licence asks no fee, so its calls are not in the share.
    assert.equal(figures.totals.paidInCallShare, 0.25);
    assert.equal(figures.totals.tripsAvoided, 4);
    assert.equal(figures.totals.kgCo2Avoided, 12);
    const csv = await balie.inject({ url: `/api/console/figures.csv?from=${day}&to=${day}`, headers: { cookie } });
    assert.deepEqual(csv.body.split('\r\n').slice(1, 3).map((line) => line.split(',').slice(-2)), [
      ['1', '0'],
      ['0', '4'],
    ]);
  });

  it('refuses a config with trips or resolved outcomes it cannot count, saying where', () => {
    const result = parse(balieConfigSchema, {
      ...testConfig,
      products: [
        { id: 'paspoort', name: 'Paspoort aanvragen', tripsSaved: 3 },
        { id: 'rijbewijs', name: 'Rijbewijs verlengen', resolvedOutcomes: ['klaar'] },
      ],
    });
    assert.equal(result.ok, false);
    assert.equal(
      formatIssues(!result.ok ? result.issues : []),
      'products[0].tripsSaved: expected a whole number from 0 to 2, got number 3',
    );
    const second = parse(balieConfigSchema, { ...testConfig, products: [{ id: 'rijbewijs', name: 'Rijbewijs verlengen', resolvedOutcomes: ['klaar'] }] });
    assert.equal(
      formatIssues(!second.ok ? second.issues : []),
      'products[0].resolvedOutcomes: expected one of the outcomes (afgehandeld, vervolg-nodig, doorverwezen), got klaar',
    );
  });

  it('counts a day in the municipality\'s time zone, not UTC', async (t) => {
    const balie = app(t);
    await makeCalls(balie);
    const cookie = await employeeSignsIn(balie, 'Bert');
    // 23:30 + 5 min on 20 November in Amsterdam is 22:35 UTC: still the 20th.
    const response = await balie.inject({ url: '/api/console/figures?from=2026-11-21&to=2026-11-21', headers: { cookie } });
    assert.deepEqual(response.json<FiguresResponse>().rows.map((r) => [r.day, r.product, r.calls]), [
      ['2026-11-21', 'rijbewijs', 1],
    ]);
  });

  it('exports the same rows as CSV', async (t) => {
    const balie = app(t);
    await makeCalls(balie);
    const cookie = await employeeSignsIn(balie, 'Bert');
    const response = await balie.inject({ url: '/api/console/figures.csv?from=2026-11-20&to=2026-11-21', headers: { cookie } });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(response.headers['content-disposition'], 'attachment; filename="cijfers-2026-11-20-2026-11-21.csv"');
    assert.equal(
      response.body,
      [
        'dag,product,gesprekken,wachttijd_mediaan_s,wachttijd_p90_s,gespreksduur_mediaan_s,niet_gekomen,beoordelingen,tevredenheid_gemiddeld,met_uitkomst,in_een_keer_goed,betaald_in_gesprek,reizen_bespaard',
        '2026-11-20,Paspoort aanvragen,3,120,264,900,0,2,4.5,2,1,0,1',
        '2026-11-21,Rijbewijs verlengen,1,30,30,300,0,0,,0,0,0,0',
        '',
      ].join('\r\n'),
    );
  });

  it('is empty, not an error, for days without calls', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Bert');
    const response = await balie.inject({ url: '/api/console/figures?from=2026-01-01&to=2026-01-31', headers: { cookie } });
    const figures = response.json<FiguresResponse>();
    assert.deepEqual(figures.rows, []);
    assert.equal(figures.totals.calls, 0);
    assert.equal(figures.totals.waitMedianSeconds, null);
  });

  it('is for a beheerder only', async (t) => {
    const balie = app(t);
    for (const cookie of [await employeeSignsIn(balie, 'Fatima'), await signIn(balie)]) {
      for (const url of ['/api/console/figures', '/api/console/figures.csv']) {
        assert.match(assertApiError(await balie.inject({ url, headers: { cookie } }), 403, 'forbidden'), /beheerder/);
      }
    }
  });

  it('answers bad dates with a precise 400', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Bert');
    const cases = [
      ['from=2026-02-31', /"from" must be a date/],
      ['to=23-11-2026', /"to" must be a date/],
      ['from=2026-11-22&to=2026-11-20', /"from" lies after "to"/],
      ['from=2024-01-01&to=2026-01-01', /at most 366 days/],
      ['from=2026-01-01&from=2026-01-02', /"from" must be a date/],
    ] as const;
    for (const [query, message] of cases) {
      const response = await balie.inject({ url: `/api/console/figures?${query}`, headers: { cookie } });
      assert.match(assertApiError(response, 400, 'bad_request'), message, query);
    }
  });
});
