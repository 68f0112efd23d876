import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { BalieConfig, BookingResponse, PaymentView } from '../../src/protocol/index.js';
import { auditFor } from '../../src/server/audit/audit.js';
import type { RunningServer } from '../../src/server/main.js';
import type { DemoMailbox } from '../../demo/mailbox.js';
import type { PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { assertApiError, bearer, JSON_TYPE, testApp, useTestStore, waitFor } from './helpers.js';
import { usePaymentServer } from './payment-support.js';
import { book, bookingBody, bookingConfig, freeSlotList, postBooking } from './booking-support.js';

// Issue 16, paid at booking: a product whose fee is paid when booking holds its slot while the
// citizen pays, is confirmed (and mailed) only when the provider says paid, and lets the slot go
// when the hold ends unpaid. The provider is the simulator, a separate server, reached through the
// Mollie client as in production.

const config: BalieConfig = {
  ...bookingConfig,
  products: bookingConfig.products.map((p) =>
    p.id === 'zaal-huren'
      ? { ...p, payAtBooking: true, fees: [{ id: 'zaalhuur', label: { nl: 'Zaalhuur', en: 'Hall rental', fr: 'Location de salle' }, amount: 12550 }] }
      : p,
  ),
  payments: { method: 'ideal' },
};

describe('paid at booking (issue 16)', () => {
  const db = useTestStore();
  let simulator: PaymentSimulator;
  let mailbox: DemoMailbox;
  let server: RunningServer;

  // The hold sweep runs as often as the ticket sweep.
  const stack = usePaymentServer({ db, config, mail: true, extra: () => ({ sweepIntervalMs: 100 }) });
  before(() => {
    ({ simulator, server, mailbox } = stack);
  });

  const app = () => server.app;

  function pay(secret: string) {
    return app().inject({ method: 'POST', url: '/api/bookings/current/payment', headers: bearer(secret) });
  }

  async function current(secret: string) {
    const response = await app().inject({ url: '/api/bookings/current', headers: bearer(secret) });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<BookingResponse>().booking;
  }

  function providerIdOf(payment: PaymentView): string {
    return new URL(payment.checkoutUrl!).pathname.split('/').pop()!;
  }

  /** The clock moves past the hold: what 15 minutes without paying do. */
  async function holdEnds(bookingId: string) {
    await db.query(`UPDATE booking SET hold_until = now() - interval '1 second' WHERE id = $1`, [bookingId]);
  }

  const mailsTo = (email: string) => mailbox.messages.filter((m) => JSON.stringify(m.to).includes(email));

  it('holds the slot while the citizen pays, and confirms and mails it only when the provider says paid', async () => {
    const email = 'anna.betaalt@example.nl';
    const [slot] = await freeSlotList(app());
    const before = Date.now();
    const { booking, manageSecret } = await book(app(), slot!.start, { details: { name: 'Anna Bakker', email }, lang: 'en' });
    assert.equal(booking.state, 'awaiting-payment');
    assert.equal(booking.payment?.description, 'Hall rental');
    assert.equal(booking.payment?.amount, 12550);
    assert.equal(booking.payment?.method, 'ideal');
    const holdMs = Date.parse(booking.payment!.holdUntil!) - before;
    assert.ok(holdMs > 14 * 60_000 && holdMs <= 15 * 60_000 + 5000, `held 15 minutes (got ${holdMs} ms)`);
    // Held: nobody else can take it, and the citizen cannot join it yet.
    assert.ok(!(await freeSlotList(app())).some((s) => s.start === slot!.start), 'the held slot is not offered');
    const join = await app().inject({ method: 'POST', url: '/api/bookings/current/ticket', headers: { ...bearer(manageSecret), ...JSON_TYPE }, payload: {} });
    assertApiError(join, 409, 'booking_not_open');

    const started = await pay(manageSecret);
    assert.equal(started.statusCode, 201, started.body);
    const payment = started.json<PaymentView>();
    assert.equal(payment.amount, 12550, 'the amount is the config\'s');
    assert.equal(payment.status, 'open');
    assert.equal(simulator.payments.get(providerIdOf(payment))?.amount.value, '125.50');
    // In the citizen's language: the provider's checkout (and their bank statement) and the receipt.
    assert.equal(payment.description, 'Hall rental');
    assert.equal(simulator.payments.get(providerIdOf(payment))?.description, 'Hall rental');
    // Paying again while it is open (a second tab, the tab closed): the same payment, not a second.
    const again = await pay(manageSecret);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<PaymentView>().id, payment.id);
    assert.equal((await current(manageSecret)).state, 'awaiting-payment');
    assert.equal(mailsTo(email).length, 0, 'no confirmation before it is paid');

    // The citizen pays at the checkout and lands on the return page, in English.
    const answer = await fetch(payment.checkoutUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ status: 'paid' }).toString(),
      redirect: 'manual',
    });
    assert.equal(answer.status, 303);
    const back = await app().inject({ url: answer.headers.get('location')!.replace(/^https?:\/\/[^/]+/, '') });
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /<html lang="en">/);
    assert.match(back.body, /<h1>You can close this tab<\/h1>/);
    assert.match(back.body, /Your appointment is in the other tab/);
    const paid = await waitFor(async () => {
      const view = await current(manageSecret);
      return view.state === 'booked' ? view : undefined;
    }, 'the booking to be confirmed');
    assert.equal(paid.payment?.status, 'paid');
    assert.equal(paid.payment?.holdUntil, undefined);
    await waitFor(async () => mailsTo(email).find((m) => /balie-afspraak=/.test(String(m.text))), 'the confirmation mail with the manage link');
    // The receipt, through the same path as a payment in the call, in the booking's language.
    const receipt = await waitFor(async () => mailsTo(email).find((m) => /receipt/i.test(m.subject ?? '')), 'the receipt');
    assert.equal(receipt.subject, 'Receipt for your payment to Gemeente Testdorp');
    const text = receipt.text!.replace(/\s/g, ' ');
    assert.match(text, /Dear Anna Bakker,/);
    assert.match(text, /You paid for your appointment with Gemeente Testdorp\./);
    assert.match(text, /For: Hall rental/);
    assert.match(text, /Amount: €125\.50/);
    assert.match(text, /Paid with: iDEAL/);
    assert.ok(text.includes(`Reference: ${payment.id}`));
    assert.equal(mailsTo(email).length, 2, 'the confirmation and the receipt, nothing more');
    assert.equal((await pay(manageSecret)).json<PaymentView>().status, 'paid', '"pay" now shows it is paid');
    assert.ok((await auditFor(db, `booking:${booking.id}`)).some((e) => e.action === 'booking.paid'));
  });

  it('words the payment and the return page in the booking\'s language: Dutch, French', async () => {
    for (const [lang, description, heading] of [
      ['nl', 'Zaalhuur', 'U kunt dit tabblad sluiten'],
      ['fr', 'Location de salle', 'Vous pouvez fermer cet onglet'],
    ] as const) {
      const [slot] = await freeSlotList(app());
      const { manageSecret } = await book(app(), slot!.start, { lang });
      const payment = (await pay(manageSecret)).json<PaymentView>();
      const atProvider = simulator.payments.get(providerIdOf(payment))!;
      assert.equal(atProvider.description, description);
      assert.equal(payment.description, description);
      const back = await app().inject({ url: atProvider.redirectUrl.replace(/^https?:\/\/[^/]+/, '') });
      assert.match(back.body, new RegExp(`<html lang="${lang}">`));
      assert.ok(back.body.includes(`<h1>${heading}</h1>`), back.body);
    }
  });

  it('lets the slot go when the hold ends unpaid, and tells the citizen why', async () => {
    const [slot] = await freeSlotList(app());
    const { booking, manageSecret } = await book(app(), slot!.start, { lang: 'fr' });
    const payment = (await pay(manageSecret)).json<PaymentView>();
    await holdEnds(booking.id);
    const released = await waitFor(async () => {
      const view = await current(manageSecret);
      return view.state === 'cancelled' ? view : undefined;
    }, 'the hold to be let go');
    assert.equal(released.holdExpired, true);
    assert.ok((await freeSlotList(app())).some((s) => s.start === slot!.start), 'the slot is free again');
    assertApiError(await pay(manageSecret), 409, 'hold_expired');
    assert.ok((await auditFor(db, `booking:${booking.id}`)).some((e) => e.action === 'booking.hold-expired'));
    // Someone else books the freed slot; the first citizen then pays after all: the money goes back.
    const other = await postBooking(app(), bookingBody(slot!.start, { details: { name: 'Piet Pieters', email: 'piet@example.nl' } }));
    assert.equal(other.statusCode, 201, other.body);
    await simulator.choose(providerIdOf(payment), 'paid');
    await waitFor(async () => (simulator.payments.get(providerIdOf(payment))!.refunds.length === 1 ? true : undefined), 'the refund');
    assert.equal((await current(manageSecret)).state, 'cancelled');
    assert.equal(simulator.payments.get(providerIdOf(payment))!.refunds[0]!.description, 'Remboursement: Location de salle', 'the refund in the citizen\'s language');
    const receipts = await db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'payment.receipt' AND booking_id = $1`, [booking.id]);
    assert.equal(receipts.rows.length, 0, 'no receipt for a payment that goes back');
  });

  it('books the slot after all when a payment made at the last moment arrives after the hold, and the slot is still free', async () => {
    const [slot] = await freeSlotList(app());
    const { booking, manageSecret } = await book(app(), slot!.start);
    const payment = (await pay(manageSecret)).json<PaymentView>();
    await holdEnds(booking.id);
    await waitFor(async () => ((await current(manageSecret)).state === 'cancelled' ? true : undefined), 'the hold to be let go');
    await simulator.choose(providerIdOf(payment), 'paid');
    await waitFor(async () => ((await current(manageSecret)).state === 'booked' ? true : undefined), 'the booking to be back');
    assert.ok(!(await freeSlotList(app())).some((s) => s.start === slot!.start), 'the slot is taken again');
  });

  it('lets the citizen try again after a failed payment: a new payment of the same fee', async () => {
    const [slot] = await freeSlotList(app());
    const { manageSecret } = await book(app(), slot!.start);
    const first = (await pay(manageSecret)).json<PaymentView>();
    await simulator.choose(providerIdOf(first), 'failed');
    await waitFor(async () => ((await current(manageSecret)).payment?.status === 'failed' ? true : undefined), 'the failure');
    assert.equal((await current(manageSecret)).state, 'awaiting-payment', 'still held');
    const second = await pay(manageSecret);
    assert.equal(second.statusCode, 201, second.body);
    assert.notEqual(second.json<PaymentView>().id, first.id);
    assert.equal(second.json<PaymentView>().amount, 12550);
  });

  it('refuses to book a product paid at booking on a server that takes no payments', async (t) => {
    const bare = testApp(t, db, { config, allowedOrigins: [] });
    const [slot] = await freeSlotList(bare);
    assertApiError(await postBooking(bare, bookingBody(slot!.start)), 409, 'payments_off');
  });
});
