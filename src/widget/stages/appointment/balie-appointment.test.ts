import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { BookingView } from '../../../protocol/index.js';
import './balie-appointment.js';
import type { BalieAppointment } from './balie-appointment.js';

const hour = 3_600_000;
const booking = (offsetMs: number, state: BookingView['state'] = 'booked'): BookingView => ({
  id: 'b1', product: 'paspoort', productName: 'Paspoort aanvragen', timeZone: 'Europe/Amsterdam', state, identified: true,
  start: new Date(Date.now() + offsetMs).toISOString(), end: new Date(Date.now() + offsetMs + hour / 4).toISOString(),
  joinOpensAt: new Date(Date.now() + offsetMs - hour / 6).toISOString(),
});
const button = (el: BalieAppointment, name: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

describe('<balie-appointment>', () => {
  it('asks before cancelling, by keyboard', async () => {
    const el = await fixture<BalieAppointment>(html`<balie-appointment .booking=${booking(24 * hour)}></balie-appointment>`);
    expect(button(el, 'Naar de wachtkamer')).to.be.undefined;
    button(el, 'Afspraak annuleren')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Weet u zeker dat u de afspraak wilt annuleren?');
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Ja, annuleren');
    setTimeout(() => button(el, 'Ja, annuleren')!.click());
    await oneEvent(el, 'balie-appointment-cancel');
  });

  it('offers the waiting room from joinOpensAt', async () => {
    const el = await fixture<BalieAppointment>(html`<balie-appointment .booking=${booking(5 * 60_000)}></balie-appointment>`);
    setTimeout(() => button(el, 'Naar de wachtkamer')!.click());
    await oneEvent(el, 'balie-appointment-join');
  });

  it('says a cancelled appointment is cancelled', async () => {
    const el = await fixture<BalieAppointment>(html`<balie-appointment .booking=${booking(hour, 'cancelled')}></balie-appointment>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Uw afspraak is geannuleerd');
    expect(button(el, 'Nieuwe afspraak maken')).to.exist;
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieAppointment>(html`<balie-appointment .booking=${booking(24 * hour)}></balie-appointment>`);
    await expect(el).to.be.accessible();
  });
});
