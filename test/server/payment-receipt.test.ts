import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { BalieConfig, CreateTicketResponse, PaymentView } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/main.js';
import type { DemoMailbox } from '../../demo/mailbox.js';
import type { PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { admit, bearer, JSON_TYPE, takeTicket, useTestStore, waitFor } from './helpers.js';
import { usePaymentServer } from './payment-support.js';
import { book, bookingConfig, freeSlotList } from './booking-support.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

// Issue 16: after a payment in the call, the citizen gets a receipt by mail when an address is
// known (a booked appointment), in the booking's language, through a real SMTP server.

const config: BalieConfig = {
  ...bookingConfig,
  products: bookingConfig.products.map((p) =>
    p.id === 'zaal-huren' ? { ...p, fees: [{ id: 'zaalhuur', label: { nl: 'Zaalhuur', en: 'Hall rental', fr: 'Location de salle' }, amount: 12550 }] } : p,
  ),
  // The first free time is joinable at once.
  openingHours: { ...bookingConfig.openingHours!, joinEarlyMinutes: 60 },
  payments: { method: 'ideal' },
};

describe('the receipt mail after a payment in the call (issue 16)', () => {
  const db = useTestStore();
  const employees = useEmployeeProvider();
  let simulator: PaymentSimulator;
  let mailbox: DemoMailbox;
  let server: RunningServer;

  const stack = usePaymentServer({ db, config, mail: true, extra: () => ({ employeeLogin: employees.login }) });
  before(() => {
    ({ simulator, server, mailbox } = stack);
  });

  async function payInCall(ticketId: string, choice: 'paid' | 'canceled'): Promise<PaymentView> {
    const fatima = await employeeSignsIn(server.app, 'Fatima');
    await admit(server.app, fatima, ticketId);
    const asked = await server.app.inject({ method: 'POST', url: `/api/console/tickets/${ticketId}/payments`, headers: { cookie: fatima, ...JSON_TYPE }, payload: { fees: ['zaalhuur'] } });
    assert.equal(asked.statusCode, 201, asked.body);
    const payment = asked.json<PaymentView>();
    await simulator.choose(new URL(payment.checkoutUrl!).pathname.split('/').pop()!, choice);
    return payment;
  }

  async function bookedTicket(email: string, lang: string): Promise<string> {
    const [slot] = await freeSlotList(server.app);
    const { manageSecret } = await book(server.app, slot!.start, { details: { name: 'Anna Bakker', email }, lang });
    const joined = await server.app.inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: { ...bearer(manageSecret), ...JSON_TYPE }, payload: {} });
    assert.equal(joined.statusCode, 201, joined.body);
    return joined.json<CreateTicketResponse>().ticket.id;
  }

  it('mails the receipt in the booking\'s language, once, with what, how much and the reference', async () => {
    const email = 'anna.receipt@example.nl';
    const payment = await payInCall(await bookedTicket(email, 'en'), 'paid');
    const mail = await waitFor(async () => mailbox.messages.find((m) => JSON.stringify(m.to).includes(email) && /receipt/i.test(m.subject ?? '')), 'the receipt');
    assert.equal(mail.subject, 'Receipt for your payment to Gemeente Testdorp');
    const text = mail.text!.replace(/\s/g, ' ');
    assert.match(text, /Dear Anna Bakker,/);
    assert.match(text, /For: Zaalhuur/);
    assert.match(text, /Amount: €125\.50/);
    assert.match(text, /Paid with: iDEAL/);
    assert.ok(text.includes(`Reference: ${payment.id}`));
    // A repeated webhook sends no second receipt.
    await server.app.inject({ method: 'POST', url: '/api/payments/webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `id=${new URL(payment.checkoutUrl!).pathname.split('/').pop()}` });
    const { rows } = await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'payment.receipt'`);
    assert.equal(rows.length, 1);
  });

  it('mails nothing for a canceled payment, nor for a walk-in whose address nobody knows', async () => {
    const email = 'bert.canceled@example.nl';
    await payInCall(await bookedTicket(email, 'nl'), 'canceled');
    const walkIn = await takeTicket(server.app, { product: 'zaal-huren' });
    await payInCall(walkIn.ticket.id, 'paid');
    const { rows } = await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'payment.receipt'`);
    assert.equal(rows.length, 0);
    assert.ok(!mailbox.messages.some((m) => JSON.stringify(m.to).includes(email) && /betaling/i.test(m.subject ?? '')));
  });
});
