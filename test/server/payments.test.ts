import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { BalieConfig, PaymentListView, PaymentView } from '../../src/protocol/index.js';
import { auditFor } from '../../src/server/audit/audit.js';
import type { RunningServer } from '../../src/server/main.js';
import { updateStatus } from '../../src/server/payments/payment-store.js';
import { CHECKOUT_CHOICES, type PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { admit, assertApiError, bearer, JSON_TYPE, takeTicket, testConfig, useTestStore, waitFor } from './helpers.js';
import { usePaymentServer } from './payment-support.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

// Issue 16: the employee asks for the fee in the call, the citizen pays at the provider's checkout
// (the Mollie simulator, a separate HTTPS server reached through Mollie's own client), and the
// status comes from the provider only.

const config: BalieConfig = {
  ...testConfig,
  products: [
    {
      id: 'paspoort',
      name: 'Paspoort aanvragen',
      fees: [
        { id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 },
        { id: 'spoedtoeslag', label: 'Spoedtoeslag', amount: 5730 },
      ],
    },
    { id: 'rijbewijs', name: 'Rijbewijs verlengen' },
    { id: 'vraag', name: 'Algemene vraag', fees: [{ id: 'uittreksel', label: 'Uittreksel', amount: 1565 }], freeAmount: true },
  ],
  payments: { method: 'ideal' },
};

describe('payments in the call (issue 16)', () => {
  const db = useTestStore();
  const employees = useEmployeeProvider();
  let simulator: PaymentSimulator;
  let server: RunningServer;
  let app: FastifyInstance;
  let fatima: string;
  let kees: string;
  let bert: string;

  // Each test signs three employees in.
  const stack = usePaymentServer({ db, config, extra: () => ({ employeeLogin: employees.login }) });
  before(() => {
    ({ simulator, server } = stack);
    app = server.app;
  });

  /** Each test's store is empty: the employees sign in afresh. */
  async function signInAll(): Promise<void> {
    fatima = await employeeSignsIn(app, 'Fatima');
    kees = await employeeSignsIn(app, 'Kees');
    bert = await employeeSignsIn(app, 'Bert');
  }

  /** A citizen's ticket for `product`, in Fatima's call. */
  async function inCall(product = 'paspoort', lang?: string) {
    const { ticket, secret } = await takeTicket(app, { product, ...(lang ? { lang } : {}) });
    await admit(app, fatima, ticket.id);
    return { id: ticket.id, secret };
  }

  function request(ticketId: string, body: object, cookie = fatima) {
    return app.inject({ method: 'POST', url: `/api/console/tickets/${ticketId}/payments`, headers: { cookie, ...JSON_TYPE }, payload: body });
  }

  async function requested(ticketId: string, body: object = { fees: ['paspoort-volwassene'] }): Promise<PaymentView> {
    const response = await request(ticketId, body);
    assert.equal(response.statusCode, 201, response.body);
    return response.json<PaymentView>();
  }

  async function citizenSees(secret: string): Promise<PaymentView[]> {
    const response = await app.inject({ url: '/api/tickets/current/payments', headers: bearer(secret) });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<PaymentListView>().payments;
  }

  async function employeeSees(ticketId: string, cookie = fatima): Promise<PaymentView[]> {
    const response = await app.inject({ url: `/api/console/tickets/${ticketId}/payments`, headers: { cookie } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<PaymentListView>().payments;
  }

  /** The citizen's choice on the simulator's checkout page, as its form posts it. */
  async function checkout(checkoutUrl: string, status: string): Promise<Response> {
    return fetch(checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ status }).toString(),
      redirect: 'manual',
    });
  }

  function providerIdOf(payment: PaymentView): string {
    return new URL(payment.checkoutUrl!).pathname.split('/').pop()!;
  }

  it('asks €84,30 for a passport; the citizen pays at the checkout; both see "paid"', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    const payment = await requested(id);
    assert.equal(payment.amount, 8430);
    assert.equal(payment.description, 'Paspoort volwassene');
    assert.equal(payment.method, 'ideal');
    assert.equal(payment.status, 'open');
    const [shown] = await citizenSees(secret);
    assert.equal(shown?.checkoutUrl, payment.checkoutUrl);
    const page = await (await fetch(payment.checkoutUrl!)).text();
    assert.match(page, /Testbetaling \(iDEAL\)/);
    assert.match(page, /€ 84,30/);

    const answer = await checkout(payment.checkoutUrl!, 'paid');
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), `${server.url}/betaling/klaar?lang=nl`);
    const paid = await waitFor(async () => (await citizenSees(secret)).find((p) => p.status === 'paid'), 'the citizen to see paid');
    assert.ok(paid.paidAt);
    assert.equal(paid.checkoutUrl, undefined, 'no checkout link once paid');
    assert.equal((await employeeSees(id))[0]?.status, 'paid');
    assert.deepEqual(simulator.webhookCalls.at(-1), { id: providerIdOf(payment), status: 200 });
    const audit = await auditFor(db, `ticket:${id}`);
    assert.ok(audit.some((entry) => entry.action === 'payment.requested' && /^employee:/.test(entry.actor)));
  });

  it("sends the checkout tab back to a page in the language of the citizen's widget", async () => {
    await signInAll();
    const headings = { nl: 'U kunt dit tabblad sluiten', en: 'You can close this tab', fr: 'Vous pouvez fermer cet onglet' };
    for (const [lang, heading] of Object.entries(headings)) {
      const { id } = await inCall('paspoort', lang);
      const payment = await requested(id);
      const back = (await checkout(payment.checkoutUrl!, 'paid')).headers.get('location');
      assert.equal(back, `${server.url}/betaling/klaar?lang=${lang}`);
      // An English browser (the widget on a Dutch page says what the page is in, not the browser).
      const page = await app.inject({ url: new URL(back!).pathname + new URL(back!).search, headers: { 'accept-language': 'en-US' } });
      assert.match(page.body, new RegExp(`<html lang="${lang}">`));
      assert.ok(page.body.includes(`<h1>${heading}</h1>`), `${lang}: ${page.body}`);
    }
    // A ticket taken without a language (an older widget) comes back to the Dutch page.
    const { id } = await inCall();
    const payment = await requested(id);
    assert.equal((await checkout(payment.checkoutUrl!, 'paid')).headers.get('location'), `${server.url}/betaling/klaar?lang=nl`);
  });

  it('refuses a ticket in a language the widget does not speak', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/tickets', headers: JSON_TYPE, payload: { product: 'paspoort', lang: 'de' } });
    assert.match(assertApiError(response, 400, 'bad_request'), /lang/);
  });

  it('sums several fees into one payment', async () => {
    await signInAll();
    const { id } = await inCall();
    const payment = await requested(id, { fees: ['paspoort-volwassene', 'spoedtoeslag'] });
    assert.equal(payment.amount, 8430 + 5730);
    assert.equal(payment.description, 'Paspoort volwassene, Spoedtoeslag');
  });

  for (const outcome of CHECKOUT_CHOICES.filter((c) => c !== 'paid')) {
    it(`shows the status "${outcome}" to both, and the fee can be asked again`, async () => {
      await signInAll();
      const { id, secret } = await inCall();
      const payment = await requested(id);
      assert.equal((await checkout(payment.checkoutUrl!, outcome)).status, 303);
      await waitFor(async () => ((await citizenSees(secret))[0]?.status === outcome ? true : undefined), `status ${outcome}`);
      const again = await requested(id);
      assert.notEqual(again.id, payment.id);
      assert.equal((await citizenSees(secret)).length, 2);
    });
  }

  it('keeps one open payment per call', async () => {
    await signInAll();
    const { id } = await inCall();
    await requested(id);
    assertApiError(await request(id, { fees: ['spoedtoeslag'] }), 409, 'payment_open');
  });

  it('gets the status even when the citizen closed the checkout tab (the webhook carries it)', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    const payment = await requested(id);
    // No browser follows the redirect: the provider's webhook alone brings the news.
    await simulator.choose(providerIdOf(payment), 'paid');
    assert.equal((await citizenSees(secret))[0]?.status, 'paid');
  });

  it('believes no webhook: unknown ids, forged bodies and repeats change nothing the provider does not say', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    const other = await inCall();
    const payment = await requested(id);
    const webhook = (body: string) =>
      app.inject({ method: 'POST', url: '/api/payments/webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });

    assert.equal((await webhook('id=tr_forged123')).statusCode, 200);
    assert.equal((await webhook(`id=${providerIdOf(payment)}&status=paid`)).statusCode, 400);
    // The real id, but the provider still says open: open it stays.
    assert.equal((await webhook(`id=${providerIdOf(payment)}`)).statusCode, 200);
    assert.equal((await citizenSees(secret))[0]?.status, 'open');
    assert.deepEqual(await citizenSees(other.secret), [], "another citizen sees nothing of this payment");

    await simulator.choose(providerIdOf(payment), 'paid');
    for (let i = 0; i < 3; i++) assert.equal((await webhook(`id=${providerIdOf(payment)}`)).statusCode, 200);
    assert.equal((await citizenSees(secret))[0]?.status, 'paid');
    // A late fetch that saw an older state arrives after "paid": it cannot undo it.
    assert.equal(await updateStatus(db, payment.id, 'open', undefined), undefined);
    assert.equal((await citizenSees(secret))[0]?.status, 'paid');
  });

  it('never takes "paid" for an amount other than the one asked', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    const payment = await requested(id);
    simulator.payments.get(providerIdOf(payment))!.amount.value = '0.01';
    await simulator.choose(providerIdOf(payment), 'paid');
    assert.equal((await citizenSees(secret))[0]?.status, 'open');
  });

  it('lets no one set or change an amount', async () => {
    await signInAll();
    const { id } = await inCall();
    assertApiError(await request(id, { fees: ['paspoort-volwassene'], amount: 1 }), 400, 'bad_request');
    assertApiError(await request(id, { fees: ['gratis-paspoort'] }), 400, 'fee_unknown');
    assertApiError(await request(id, { freeAmount: 100 }), 400, 'fee_unknown');
    assertApiError(await request(id, {}), 400, 'bad_request');
    const noFees = await inCall('rijbewijs');
    assertApiError(await request(noFees.id, { fees: ['paspoort-volwassene'] }), 409, 'payments_off');
    // Where the config allows a free amount, it is the employee's, within bounds.
    const free = await inCall('vraag');
    assert.equal((await requested(free.id, { freeAmount: 1250 })).amount, 1250);
    assert.equal(simulator.payments.size > 0, true);
  });

  it('says so when the provider is down, records nothing, and the request can be sent again', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    simulator.setDown(true);
    try {
      const message = assertApiError(await request(id, { fees: ['paspoort-volwassene'] }), 503, 'provider_unavailable');
      assert.match(message, /try again/);
    } finally {
      simulator.setDown(false);
    }
    assert.deepEqual(await citizenSees(secret), []);
    assert.ok(!(await auditFor(db, `ticket:${id}`)).some((e) => e.action === 'payment.requested'));
    assert.equal((await requested(id)).status, 'open');
  });

  it("is for the employee in the call: not a colleague's, not a citizen's", async () => {
    await signInAll();
    const { id, secret } = await inCall();
    assertApiError(await request(id, { fees: ['paspoort-volwassene'] }, kees), 403, 'not_your_call');
    const asCitizen = await app.inject({ method: 'POST', url: `/api/console/tickets/${id}/payments`, headers: { ...bearer(secret), ...JSON_TYPE }, payload: { fees: ['paspoort-volwassene'] } });
    assert.equal(asCitizen.statusCode, 401);
    assert.equal((await app.inject({ url: '/api/tickets/current/payments' })).statusCode, 401);
  });

  it('gives the beheerder the bookkeeping as CSV, without a person in it', async () => {
    await signInAll();
    const { id } = await inCall();
    const payment = await requested(id);
    await simulator.choose(providerIdOf(payment), 'paid');
    assert.equal((await app.inject({ url: '/api/console/payments.csv', headers: { cookie: fatima } })).statusCode, 403);
    const csv = await app.inject({ url: '/api/console/payments.csv', headers: { cookie: bert } });
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const [header, row, ...rest] = csv.body.trimEnd().split('\r\n');
    assert.equal(rest.length, 0);
    assert.match(header!, /^betaling,aangemaakt,betaald,product,leges,omschrijving,bedrag_centen,bedrag,methode,status/);
    assert.match(row!, new RegExp(`^${payment.id},[^,]+,[^,]+,paspoort,paspoort-volwassene,Paspoort volwassene,8430,"€ 84,30",ideal,paid,mollie,tr_\\w+,,$`));
    assert.doesNotMatch(csv.body, /Fatima|Bert/);
  });

  it('lets a beheerder refund a paid payment once, audited', async () => {
    await signInAll();
    const { id, secret } = await inCall();
    const payment = await requested(id);
    const refund = (cookie: string) =>
      app.inject({ method: 'POST', url: `/api/console/payments/${payment.id}/refund`, headers: { cookie, ...JSON_TYPE }, payload: {} });
    assertApiError(await refund(bert), 409, 'not_refundable');
    await simulator.choose(providerIdOf(payment), 'paid');
    assert.equal((await refund(fatima)).statusCode, 403);
    const refunded = await refund(bert);
    assert.equal(refunded.statusCode, 200, refunded.body);
    assert.equal(refunded.json<PaymentView>().refunded, true);
    assert.equal(simulator.payments.get(providerIdOf(payment))!.refunds.length, 1);
    assertApiError(await refund(bert), 409, 'not_refundable');
    assert.equal((await citizenSees(secret))[0]?.refunded, true);
    const audit = await auditFor(db, `payment:${payment.id}`);
    assert.deepEqual(audit.map((e) => e.action), ['payment.refunded']);
  });
});
