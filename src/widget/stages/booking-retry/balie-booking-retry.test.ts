import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-booking-retry.js';
import type { BalieBookingRetry } from './balie-booking-retry.js';

describe('<balie-booking-retry>', () => {
  it('says the appointment is not made yet and the details are kept', async () => {
    const el = await fixture<BalieBookingRetry>(html`<balie-booking-retry></balie-booking-retry>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Uw afspraak is nog niet gemaakt');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Uw gegevens zijn bewaard');
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('H2');
  });

  it('tries again by itself', async () => {
    const el = await fixture<BalieBookingRetry>(html`<balie-booking-retry></balie-booking-retry>`);
    const started = Date.now();
    await oneEvent(el, 'balie-retry');
    expect(Date.now() - started).to.be.within(4000, 7000);
  });

  it("tries again at once, or goes back, at the citizen's choice", async () => {
    const el = await fixture<BalieBookingRetry>(html`<balie-booking-retry lang="en"></balie-booking-retry>`);
    const [now, back] = el.shadowRoot!.querySelectorAll('button');
    expect(now.textContent!.trim()).to.equal('Try again now');
    setTimeout(() => now.click());
    await oneEvent(el, 'balie-retry');
    setTimeout(() => back.click());
    await oneEvent(el, 'balie-back');
  });

  it('speaks French', async () => {
    const el = await fixture<BalieBookingRetry>(html`<balie-booking-retry lang="fr"></balie-booking-retry>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Vos données sont gardées');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieBookingRetry>(html`<balie-booking-retry></balie-booking-retry>`);
    await expect(el).to.be.accessible();
  });
});
