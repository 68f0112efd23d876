import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PaymentView } from '../../protocol/index.js';
import './balie-payment-request.js';
import type { BaliePaymentRequest } from './balie-payment-request.js';

const fees = [
  { id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 },
  { id: 'spoedtoeslag', label: { nl: 'Spoedtoeslag', en: 'Express fee' }, amount: 5730 },
];

const shadow = (el: BaliePaymentRequest) => el.shadowRoot!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: BaliePaymentRequest) => shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;

async function tick(el: BaliePaymentRequest, label: string): Promise<void> {
  const box = [...shadow(el).querySelectorAll('label.fee')].find((l) => text(l).startsWith(label))!.querySelector('input')!;
  box.click();
  await el.updateComplete;
}

describe('<balie-payment-request>', () => {
  it("lists the product's fees with their amounts, and no free amount unless the config allows it", async () => {
    const el = await fixture<BaliePaymentRequest>(html`<balie-payment-request .fees=${fees}></balie-payment-request>`);
    expect(text(shadow(el).querySelector('h2'))).to.equal('Betaalverzoek');
    expect([...shadow(el).querySelectorAll('label.fee')].map(text)).to.deep.equal(['Paspoort volwassene € 84,30', 'Spoedtoeslag € 57,30']);
    expect(shadow(el).querySelector('#free')).to.equal(null);
    expect(text(button(el))).to.equal('Betaalverzoek sturen');
    await expect(el).to.be.accessible();
  });

  it('says what is missing or wrong before anything is sent', async () => {
    const el = await fixture<BaliePaymentRequest>(html`<balie-payment-request .fees=${fees} .freeAmount=${true}></balie-payment-request>`);
    const alert = () => text(shadow(el).querySelector('[role="alert"]'));
    button(el).click();
    await el.updateComplete;
    expect(alert()).to.equal('Kies eerst wat de inwoner moet betalen.');
    const free = shadow(el).querySelector<HTMLInputElement>('#free')!;
    expect(text(shadow(el).querySelector('label[for="free"]'))).to.equal('Ander bedrag in euro');
    free.value = 'tien euro';
    free.dispatchEvent(new Event('input'));
    button(el).click();
    await el.updateComplete;
    expect(alert()).to.equal('Vul een bedrag in euro in, bijvoorbeeld 12,50.');
    await tick(el, 'Paspoort volwassene');
    button(el).click();
    await el.updateComplete;
    expect(alert()).to.equal('Kies leges of vul een ander bedrag in, niet allebei.');
    await expect(el).to.be.accessible();
  });

  it('says nothing was sent when the server cannot be reached, and can send again', async () => {
    const el = await fixture<BaliePaymentRequest>(
      html`<balie-payment-request api-base="http://127.0.0.1:9/api/" .ticketId=${'t1'} .fees=${fees}></balie-payment-request>`,
    );
    await tick(el, 'Paspoort volwassene');
    button(el).click();
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'the failure to be shown', { timeout: 5000 });
    expect(text(shadow(el).querySelector('[role="alert"]'))).to.equal('De server is niet bereikbaar. Er is niets verstuurd. Probeer het zo opnieuw.');
    expect(button(el).disabled).to.equal(false);
    expect(shadow(el).querySelector<HTMLInputElement>('label.fee input')!.checked, 'the choice is kept').to.equal(true);
  });

  describe('talking to the server', () => {
    const realFetch = window.fetch;
    let payments: PaymentView[];
    let posted: unknown;
    const open: PaymentView = { id: 'p1', description: 'Paspoort volwassene', amount: 8430, method: 'ideal', status: 'open', refunded: false, createdAt: '2026-12-05T09:00:00Z' };
    beforeEach(() => {
      payments = [];
      posted = undefined;
      window.fetch = async (input, init) => {
        const url = String(input);
        if (!url.endsWith('/console/tickets/t1/payments')) return new Response(null, { status: 404 });
        if (init?.method === 'POST') {
          posted = JSON.parse(String(init.body));
          if (payments.length) return Response.json({ error: { code: 'provider_unavailable', message: 'down' } }, { status: 503 });
          payments = [open];
          return Response.json(open, { status: 201 });
        }
        return Response.json({ payments });
      };
    });
    afterEach(() => {
      window.fetch = realFetch;
    });

    it('sends only fee ids, then follows the status live and says each change once', async () => {
      const el = await fixture<BaliePaymentRequest>(html`<balie-payment-request .ticketId=${'t1'} .fees=${fees}></balie-payment-request>`);
      await tick(el, 'Spoedtoeslag');
      await tick(el, 'Paspoort volwassene');
      button(el).click();
      const status = shadow(el).querySelector('[role="status"]')!;
      await waitUntil(() => text(status).startsWith('Betaalverzoek verstuurd'), 'sent');
      expect(posted, 'in the order of the config, no amount').to.deep.equal({ fees: ['paspoort-volwassene', 'spoedtoeslag'] });
      const row = () => text(shadow(el).querySelector('ul[aria-label="Betaalverzoeken in dit gesprek"] li'));
      expect(row()).to.equal('Paspoort volwassene € 84,30 Open');

      payments = [{ ...open, status: 'paid', paidAt: '2026-12-05T09:01:00Z' }];
      el.nudge = { type: 'payment', ticketId: 'other', id: 'x', status: 'paid' };
      await el.updateComplete;
      expect(row(), "another call's nudge reads nothing").to.equal('Paspoort volwassene € 84,30 Open');
      el.nudge = { type: 'payment', ticketId: 't1', id: 'p1', status: 'paid' };
      await waitUntil(() => row().endsWith('Betaald'), 'paid shown');
      await el.updateComplete;
      expect(text(status)).to.equal('Paspoort volwassene € 84,30: Betaald');
      // The same again (the stream reopened) says nothing new.
      el.nudge = { type: 'reopened' };
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
      expect(text(status)).to.equal('Paspoort volwassene € 84,30: Betaald');
      await expect(el).to.be.accessible();
    });

    it("says so when the payment provider does not answer", async () => {
      payments = [{ ...open, status: 'failed' }];
      const el = await fixture<BaliePaymentRequest>(html`<balie-payment-request .ticketId=${'t1'} .fees=${fees}></balie-payment-request>`);
      await waitUntil(() => shadow(el).querySelector('li'), 'the earlier payment');
      expect(text(shadow(el).querySelector('li'))).to.equal('Paspoort volwassene € 84,30 Mislukt');
      await tick(el, 'Paspoort volwassene');
      button(el).click();
      await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'the failure');
      expect(text(shadow(el).querySelector('[role="alert"]'))).to.equal('De betaaldienst reageert niet. Er is niets verstuurd. Probeer het zo opnieuw.');
    });
  });
});
