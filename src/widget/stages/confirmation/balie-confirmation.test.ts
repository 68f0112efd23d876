import { expect, fixture, html } from '@open-wc/testing';
import type { BookingView } from '../../../protocol/index.js';
import './balie-confirmation.js';
import type { BalieConfirmation } from './balie-confirmation.js';

const booking: BookingView = {
  id: 'b1', product: 'paspoort', productName: 'Paspoort aanvragen', timeZone: 'Europe/Amsterdam', state: 'booked', identified: true,
  start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z', joinOpensAt: '2026-11-24T08:20:00Z',
};

describe('<balie-confirmation>', () => {
  it('shows when, in the counter\'s time, and what to bring', async () => {
    const el = await fixture<BalieConfirmation>(html`<balie-confirmation .booking=${booking} .bring=${['Uw oude paspoort']}></balie-confirmation>`);
    expect(el.shadowRoot!.textContent).to.contain('Paspoort aanvragen op dinsdag 24 november om 09:30.');
    expect(el.shadowRoot!.querySelector('li')!.textContent).to.equal('Uw oude paspoort');
  });

  it('says so when the calendar file cannot be fetched', async () => {
    const el = await fixture<BalieConfirmation>(html`<balie-confirmation .booking=${booking} .apiBase=${'http://127.0.0.1:9/api/'} .manageSecret=${'s'}></balie-confirmation>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="calendar-button"]')!.click();
    await new Promise<void>((resolve) => {
      const check = () => (el.shadowRoot!.textContent!.includes('downloaden lukte niet') ? resolve() : requestAnimationFrame(check));
      check();
    });
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieConfirmation>(html`<balie-confirmation .booking=${booking}></balie-confirmation>`);
    await expect(el).to.be.accessible();
  });
});
