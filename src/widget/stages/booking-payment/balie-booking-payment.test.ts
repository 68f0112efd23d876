import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BookingView, PaymentView } from '../../../protocol/index.js';
import './balie-booking-payment.js';
import type { BalieBookingPayment } from './balie-booking-payment.js';

const held: BookingView = {
  id: 'b1', product: 'paspoort', productName: 'Paspoort aanvragen', timeZone: 'Europe/Amsterdam', state: 'awaiting-payment', identified: false,
  start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z', joinOpensAt: '2026-11-24T08:20:00Z',
  payment: { description: 'Paspoort volwassene', amount: 8430, method: 'ideal', holdUntil: '2026-11-20T10:15:00Z' },
};
const open: PaymentView = {
  id: 'p1', description: 'Paspoort volwassene', amount: 8430, method: 'ideal', status: 'open',
  checkoutUrl: 'https://pay.example/checkout/tr_1', refunded: false, createdAt: '2026-11-20T10:00:00Z',
};

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<balie-booking-payment>', () => {
  it('shows what and how much, how long the time is held, and opens the checkout in a new top-level tab', async () => {
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="nl" .booking=${held} .payment=${open}></balie-booking-payment>`);
    const shadow = el.shadowRoot!;
    expect(text(shadow.querySelector('h2'))).to.equal('Betaal uw afspraak');
    expect(text(shadow.querySelector('dl')).replace(/\s/g, ' ')).to.equal('Waarvoor Paspoort volwassene Bedrag € 84,30');
    expect(text(shadow.querySelector('p:nth-of-type(2)'))).to.contain('tot 11:15');
    const pay = shadow.querySelector('a')!;
    expect(text(pay)).to.equal('Betalen met iDEAL');
    expect(pay.href).to.equal(open.checkoutUrl);
    expect(pay.target).to.equal('_blank');
    expect(pay.rel.split(' ')).to.include('noopener');
    expect(shadow.querySelector('iframe')).to.equal(null);
    expect(text(shadow.getElementById(pay.getAttribute('aria-describedby')!))).to.equal(
      'De betaalpagina opent in een nieuw tabblad. Kom daarna terug naar dit tabblad.',
    );
    await expect(el).to.be.accessible();
    pay.addEventListener('click', (e) => e.preventDefault());
    pay.click();
    await el.updateComplete;
    expect(text(shadow.getElementById('new-tab'))).to.equal('Betaal in het andere tabblad. Hier ziet u daarna of het gelukt is.');
  });

  it('offers Bancontact where the config says so, in French', async () => {
    const bancontact = { ...open, method: 'bancontact' as const };
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="fr" .booking=${held} .payment=${bancontact}></balie-booking-payment>`);
    expect(text(el.shadowRoot!.querySelector('a'))).to.equal('Payer avec Bancontact');
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('Payez votre rendez-vous');
  });

  it('says "Niet gelukt — opnieuw proberen" after a failed payment, with a button to try again', async () => {
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="nl" .booking=${held} .payment=${{ ...open, status: 'failed' }}></balie-booking-payment>`);
    const shadow = el.shadowRoot!;
    expect(text(shadow.querySelector('[role="status"]'))).to.contain('Niet gelukt — opnieuw proberen');
    expect(text(shadow.querySelector('[role="status"]'))).to.contain('U heeft niets betaald');
    expect(shadow.querySelector('a')).to.equal(null);
    const retry = shadow.querySelector('button')!;
    expect(text(retry)).to.equal('Opnieuw proberen');
    await expect(el).to.be.accessible();
  });

  it('tells the citizen plainly when the time to pay has ended, and lets them choose a new time', async () => {
    const released: BookingView = { ...held, state: 'cancelled', holdExpired: true, payment: { ...held.payment!, holdUntil: undefined } };
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="en" .booking=${released}></balie-booking-payment>`);
    const shadow = el.shadowRoot!;
    expect(text(shadow.querySelector('h2'))).to.equal('The time to pay has ended');
    expect(text(shadow.querySelector('[role="status"]'))).to.contain('this time is free again');
    await expect(el).to.be.accessible();
    const button = shadow.querySelector('button')!;
    expect(text(button)).to.equal('Choose a new time');
    setTimeout(() => button.click());
    await oneEvent(el, 'balie-retry');
  });

  it('says when it is paid and booked, and tells its host', async () => {
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="nl" .booking=${held} .payment=${open}></balie-booking-payment>`);
    const booked: BookingView = { ...held, state: 'booked', payment: { ...held.payment!, holdUntil: undefined, status: 'paid' } };
    setTimeout(() => (el.booking = booked));
    const event = await oneEvent(el, 'balie-booking-paid');
    expect(event.detail.booking.state).to.equal('booked');
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.paid'))).to.equal('Betaald — uw afspraak staat vast.');
  });

  it('can be used with the keyboard alone: the pay link is reachable and a target of 48 pixels', async () => {
    const el = await fixture<BalieBookingPayment>(html`<balie-booking-payment lang="nl" .booking=${held} .payment=${open}></balie-booking-payment>`);
    const pay = el.shadowRoot!.querySelector('a')!;
    pay.focus();
    expect(el.shadowRoot!.activeElement).to.equal(pay);
    expect(pay.getBoundingClientRect().height).to.be.at.least(48);
  });
});
