import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PaymentView } from '../../../protocol/index.js';
import { formatAmount, paymentNews } from './balie-payment-card.js';
import type { BaliePaymentCard } from './balie-payment-card.js';

const open: PaymentView = {
  id: 'p1',
  description: 'Paspoort volwassene',
  amount: 8430,
  method: 'ideal',
  status: 'open',
  checkoutUrl: 'https://pay.example/checkout/tr_1',
  refunded: false,
  createdAt: '2026-12-05T09:00:00Z',
};

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Intl writes a no-break space between sign and number: the same to a reader. */
const plain = (said: string | undefined) => said?.replace(/\s/g, ' ');

describe('<balie-payment-card>', () => {
  it('shows what it is for and the amount, and opens the checkout in a new top-level tab', async () => {
    const el = await fixture<BaliePaymentCard>(html`<balie-payment-card lang="nl" .payment=${open}></balie-payment-card>`);
    const shadow = el.shadowRoot!;
    expect(text(shadow.querySelector('h3'))).to.equal('Betalen');
    expect(text(shadow.querySelector('dl'))).to.equal('Waarvoor Paspoort volwassene Bedrag € 84,30');
    const pay = shadow.querySelector('a')!;
    expect(text(pay)).to.equal('Betalen met iDEAL');
    expect(pay.href).to.equal(open.checkoutUrl);
    expect(pay.target).to.equal('_blank');
    expect(pay.rel.split(' ')).to.include('noopener');
    expect(shadow.querySelector('iframe')).to.equal(null);
    expect(text(shadow.getElementById(pay.getAttribute('aria-describedby')!))).to.equal(
      'De betaalpagina opent in een nieuw tabblad. Het gesprek gaat gewoon door.',
    );
    await expect(el).to.be.accessible();
    // After the click the card says where to pay (the click itself opens nothing here).
    pay.addEventListener('click', (e) => e.preventDefault());
    pay.click();
    await el.updateComplete;
    expect(text(shadow.getElementById('new-tab'))).to.equal('Betaal in het andere tabblad. Hier ziet u daarna of het gelukt is.');
  });

  it('speaks French with Bancontact for Belgium', async () => {
    const el = await fixture<BaliePaymentCard>(
      html`<balie-payment-card lang="fr" .payment=${{ ...open, method: 'bancontact', amount: 2070 }}></balie-payment-card>`,
    );
    expect(text(el.shadowRoot!.querySelector('a'))).to.equal('Payer avec Bancontact');
    expect(text(el.shadowRoot!.querySelector('dl'))).to.match(/^Pour Paspoort volwassene Montant 20,70\s€$/);
    await expect(el).to.be.accessible();
  });

  it('says "Betaald" once paid, with no way to pay again', async () => {
    const el = await fixture<BaliePaymentCard>(
      html`<balie-payment-card lang="nl" .payment=${{ ...open, status: 'paid', checkoutUrl: undefined }}></balie-payment-card>`,
    );
    expect(text(el.shadowRoot!.querySelector('.paid'))).to.equal('Betaald');
    expect(el.shadowRoot!.querySelector('a, button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  for (const status of ['failed', 'canceled', 'expired'] as const) {
    it(`offers to try again when the payment is ${status}`, async () => {
      const el = await fixture<BaliePaymentCard>(
        html`<balie-payment-card lang="nl" .payment=${{ ...open, status, checkoutUrl: undefined }}></balie-payment-card>`,
      );
      expect(text(el.shadowRoot!.querySelector('.error'))).to.equal('Niet gelukt');
      const retry = el.shadowRoot!.querySelector('button')!;
      expect(text(retry)).to.equal('Opnieuw proberen');
      setTimeout(() => retry.click());
      const event = await oneEvent(el, 'balie-payment-retry');
      expect(event.detail).to.deep.equal({ paymentId: 'p1' });
      await expect(el).to.be.accessible();
    });
  }

  it('says plainly when paying is not possible right now', async () => {
    const el = await fixture<BaliePaymentCard>(
      html`<balie-payment-card lang="en" .payment=${{ ...open, status: 'failed' }} .problem=${'provider_unavailable'}></balie-payment-card>`,
    );
    expect(text(el.shadowRoot!.querySelector('[role="alert"]'))).to.equal('Paying is not possible right now. Please try again in a few minutes.');
    await expect(el).to.be.accessible();
  });
});

describe('paymentNews', () => {
  const cases: [string, PaymentView['status'], PaymentView['status'] | undefined, string | undefined][] = [
    ['a new request', 'open', undefined, 'De medewerker vraagt u te betalen: Paspoort volwassene, € 84,30.'],
    ['paid', 'paid', 'open', 'Betaald: Paspoort volwassene, € 84,30.'],
    ['failed', 'failed', 'open', 'Betalen is niet gelukt: Paspoort volwassene. U kunt het opnieuw proberen.'],
    ['expired', 'expired', 'pending', 'Betalen is niet gelukt: Paspoort volwassene. U kunt het opnieuw proberen.'],
    ['open to pending: nothing to say', 'pending', 'open', undefined],
    ['paid again: nothing to say', 'paid', 'paid', undefined],
  ];
  for (const [what, status, before, said] of cases) {
    it(what, () => {
      expect(plain(paymentNews({ ...open, status }, before, 'nl'))).to.equal(said);
    });
  }

  it('writes amounts as each language does', () => {
    expect(plain(formatAmount(8430, 'nl'))).to.equal('€ 84,30');
    expect(plain(formatAmount(8430, 'en'))).to.equal('€84.30');
    expect(plain(formatAmount(8430, 'fr'))).to.equal('84,30 €');
  });
});
