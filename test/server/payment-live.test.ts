import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { BalieConfig, PaymentChangedEvent, PaymentListView, PaymentView } from '../../src/protocol/index.js';
import { auditFor } from '../../src/server/audit/audit.js';
import type { RunningServer } from '../../src/server/main.js';
import type { PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { admit, assertApiError, bearer, JSON_TYPE, readEvents, takeTicket, testConfig, useTestStore, type EventReader } from './helpers.js';
import { usePaymentServer } from './payment-support.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

// Issue 16, the people's half: both sides hear of a payment live, on the event streams they
// already have open (the citizen's ticket stream, the employee's queue stream), and the citizen
// can try a failed payment again without the employee.

const config: BalieConfig = {
  ...testConfig,
  products: [{ id: 'paspoort', name: 'Paspoort aanvragen', fees: [{ id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 }] }],
  payments: { method: 'ideal' },
};

describe('payments, live to both sides (issue 16)', () => {
  const db = useTestStore();
  const employees = useEmployeeProvider();
  const stack = usePaymentServer({ db, config, extra: () => ({ employeeLogin: employees.login }) });
  let simulator: PaymentSimulator;
  let server: RunningServer;
  let app: FastifyInstance;
  before(() => {
    ({ simulator, server } = stack);
    app = server.app;
  });

  async function callWithStreams(t: { after(fn: () => void): void }) {
    const fatima = await employeeSignsIn(app, 'Fatima');
    const { ticket, secret } = await takeTicket(app, { product: 'paspoort' });
    const citizen = await readEvents(`${server.url}/api/tickets/current/events`, bearer(secret));
    const employee = await readEvents(`${server.url}/api/console/events`, { cookie: fatima });
    t.after(() => {
      citizen.close();
      employee.close();
    });
    await admit(app, fatima, ticket.id);
    return { fatima, id: ticket.id, secret, citizen, employee };
  }

  /** Reads events until a payment event of `status` comes; fails after a few seconds. */
  async function paymentEvent(events: EventReader, status: string): Promise<PaymentChangedEvent> {
    for (;;) {
      const event = (await events.next(5000)) as { type: string };
      if (event.type === 'payment' && (event as PaymentChangedEvent).status === status) return event as PaymentChangedEvent;
    }
  }

  async function request(id: string, cookie: string): Promise<PaymentView> {
    const response = await app.inject({ method: 'POST', url: `/api/console/tickets/${id}/payments`, headers: { cookie, ...JSON_TYPE }, payload: { fees: ['paspoort-volwassene'] } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<PaymentView>();
  }

  function providerIdOf(payment: PaymentView): string {
    return new URL(payment.checkoutUrl!).pathname.split('/').pop()!;
  }

  function retry(secret: string, paymentId: string) {
    return app.inject({ method: 'POST', url: `/api/tickets/current/payments/${paymentId}/retry`, headers: bearer(secret) });
  }

  it('tells the citizen and the employee when a fee is asked and when it is paid, without asking', async (t) => {
    const { fatima, id, citizen, employee } = await callWithStreams(t);
    const payment = await request(id, fatima);
    for (const events of [citizen, employee]) {
      assert.deepEqual(await paymentEvent(events, 'open'), { type: 'payment', ticketId: id, id: payment.id, status: 'open' });
    }
    await simulator.choose(providerIdOf(payment), 'paid');
    for (const events of [citizen, employee]) {
      assert.deepEqual(await paymentEvent(events, 'paid'), { type: 'payment', ticketId: id, id: payment.id, status: 'paid' });
    }
  });

  it("tells another citizen's stream nothing", async (t) => {
    const { fatima, id } = await callWithStreams(t);
    const other = await takeTicket(app, { product: 'paspoort' });
    const stream = await readEvents(`${server.url}/api/tickets/current/events`, bearer(other.secret));
    t.after(() => stream.close());
    assert.equal(((await stream.next()) as { type: string }).type, 'ticket');
    await request(id, fatima);
    await assert.rejects(paymentEvent(stream, 'open'), /timed out/);
  });

  it('lets the citizen try a failed payment again: the same fee, a new payment, no amount from the browser', async (t) => {
    const { fatima, id, secret, citizen } = await callWithStreams(t);
    const first = await request(id, fatima);
    // While it is open, "again" is the open one.
    const open = await retry(secret, first.id);
    assert.equal(open.statusCode, 200, open.body);
    assert.equal(open.json<PaymentView>().id, first.id);
    await simulator.choose(providerIdOf(first), 'failed');
    await paymentEvent(citizen, 'failed');

    const answer = await retry(secret, first.id);
    assert.equal(answer.statusCode, 201, answer.body);
    const second = answer.json<PaymentView>();
    assert.notEqual(second.id, first.id);
    assert.equal(second.amount, 8430);
    assert.equal(second.description, 'Paspoort volwassene');
    assert.equal(second.status, 'open');
    assert.ok(second.checkoutUrl);
    assert.equal((await paymentEvent(citizen, 'open')).id, second.id);
    // A second tab retrying the same failure gets the open payment, not a third.
    const again = await retry(secret, first.id);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<PaymentView>().id, second.id);
    const list = await app.inject({ url: '/api/tickets/current/payments', headers: bearer(secret) });
    assert.equal(list.json<PaymentListView>().payments.length, 2);
    assert.ok((await auditFor(db, `ticket:${id}`)).some((e) => e.action === 'payment.requested' && e.actor === 'citizen'));
    // Paid is paid: nothing to try again.
    await simulator.choose(providerIdOf(second), 'paid');
    await paymentEvent(citizen, 'paid');
    assertApiError(await retry(secret, second.id), 409, 'not_retryable');
  });

  it("retries only the citizen's own payment, and says so when the provider is down", async (t) => {
    const { fatima, id, secret, citizen } = await callWithStreams(t);
    const first = await request(id, fatima);
    await simulator.choose(providerIdOf(first), 'canceled');
    await paymentEvent(citizen, 'canceled');
    const other = await takeTicket(app, { product: 'paspoort' });
    assertApiError(await retry(other.secret, first.id), 404, 'payment_unknown');
    assert.equal((await app.inject({ method: 'POST', url: `/api/tickets/current/payments/${first.id}/retry` })).statusCode, 401);

    simulator.setDown(true);
    try {
      assertApiError(await retry(secret, first.id), 503, 'provider_unavailable');
    } finally {
      simulator.setDown(false);
    }
    const list = await app.inject({ url: '/api/tickets/current/payments', headers: bearer(secret) });
    assert.equal(list.json<PaymentListView>().payments.length, 1, 'nothing half-written');
    assert.equal((await retry(secret, first.id)).statusCode, 201);
  });
});
