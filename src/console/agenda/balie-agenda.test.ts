import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AgendaAppointment, AgendaDay } from '../../protocol/index.js';
import './balie-agenda.js';
import { dayInWords, shiftDate, type BalieAgenda } from './balie-agenda.js';

const base = { end: '', product: 'paspoort', productName: 'Paspoort aanvragen', identified: false } as const;
const appointment = (a: Partial<AgendaAppointment> & Pick<AgendaAppointment, 'bookingId' | 'start' | 'time' | 'state' | 'name'>): AgendaAppointment => ({ ...base, ...a });
const day: AgendaDay = {
  date: '2026-11-23',
  products: [
    { product: 'paspoort', productName: 'Paspoort aanvragen', appointments: [
      appointment({ bookingId: 'a', start: '2026-11-23T08:00:00Z', time: '09:00', state: 'done', name: 'S. Moulin', identified: true, note: 'Pasfoto nagestuurd' }),
      appointment({ bookingId: 'c', start: '2026-11-23T10:00:00Z', time: '11:00', state: 'no-show', name: 'P. de Vries' }),
    ] },
    { product: 'zaal-huren', productName: 'Zaal huren', appointments: [
      appointment({ bookingId: 'b', start: '2026-11-23T09:00:00Z', time: '10:00', state: 'in-call', name: 'Jan Jansen', product: 'zaal-huren', productName: 'Zaal huren' }),
    ] },
  ],
};

const cells = (el: BalieAgenda) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));

describe('<balie-agenda>', () => {
  it('shows one day as a table in time order, states and identity in words', async () => {
    const el = await fixture<BalieAgenda>(html`<balie-agenda api-base="/no-such-api/" .day=${day}></balie-agenda>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('maandag 23 november 2026');
    expect(cells(el)).to.deep.equal([
      ['09:00', 'Paspoort aanvragen', 'S. Moulin', 'Klaar', 'Ja', 'Pasfoto nagestuurd'],
      ['10:00', 'Zaal huren', 'Jan Jansen', 'In gesprek', 'Nee', ''],
      ['11:00', 'Paspoort aanvragen', 'P. de Vries', 'Niet gekomen', 'Nee', ''],
    ]);
    await expect(el).to.be.accessible();
  });

  it('says so on a day without appointments', async () => {
    const el = await fixture<BalieAgenda>(html`<balie-agenda api-base="/no-such-api/" .day=${{ date: '2026-11-24', products: [] }}></balie-agenda>`);
    expect(el.shadowRoot!.textContent).to.contain('Geen afspraken op deze dag.');
    await expect(el).to.be.accessible();
  });

  it('moves to the next day by keyboard, and says plainly when it cannot load it', async () => {
    const el = await fixture<BalieAgenda>(html`<balie-agenda api-base="/no-such-api/" .day=${day}></balie-agenda>`);
    const next = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Volgende dag')!;
    next.focus();
    expect(el.shadowRoot!.activeElement).to.equal(next);
    next.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no message');
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('dinsdag 24 november 2026');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('De agenda is nu niet te laden. Probeer het zo nog eens.');
    await expect(el).to.be.accessible();
  });

  it('counts days across months and years', () => {
    expect(shiftDate('2026-11-30', 1)).to.equal('2026-12-01');
    expect(shiftDate('2027-01-01', -1)).to.equal('2026-12-31');
    expect(dayInWords('2026-03-29')).to.equal('zondag 29 maart 2026');
  });
});
