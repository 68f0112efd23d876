import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-slot-picker.js';
import type { BalieSlotPicker } from './balie-slot-picker.js';

// Tuesday 31 March 2026 is the first working day after the clocks went forward (CEST, UTC+2).
const days = [
  { date: '2026-03-27', slots: [{ start: '2026-03-27T08:00:00Z', end: '2026-03-27T08:15:00Z' }, { start: '2026-03-27T08:15:00Z', end: '2026-03-27T08:30:00Z' }, { start: '2026-03-27T08:30:00Z', end: '2026-03-27T08:45:00Z' }] },
  { date: '2026-03-31', slots: [{ start: '2026-03-31T07:30:00Z', end: '2026-03-31T07:45:00Z' }] },
];

const slotButtons = (el: BalieSlotPicker) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="slot-button"]')];
const button = (el: BalieSlotPicker, name: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

describe('<balie-slot-picker>', () => {
  it('shows one day at a time, times in Amsterdam time across the clock change', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker .days=${days}></balie-slot-picker>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.contain('vrijdag 27 maart');
    expect(slotButtons(el).map((b) => b.textContent!.trim())).to.deep.equal(['09:00', '09:15', '09:30']);
    button(el, 'Volgende dag').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.contain('dinsdag 31 maart');
    expect(slotButtons(el).map((b) => b.textContent!.trim())).to.deep.equal(['09:30']);
    expect(el.shadowRoot!.querySelector('.visually-hidden[role="status"]')!.textContent).to.contain('dinsdag 31 maart');
  });

  it('moves between times with the arrow keys, Home and End, as one tab stop', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker .days=${days}></balie-slot-picker>`);
    const [first, , third] = slotButtons(el);
    expect(slotButtons(el).map((b) => b.tabIndex)).to.deep.equal([0, -1, -1]);
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(third);
    third.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('09:15');
    expect(slotButtons(el).map((b) => b.tabIndex)).to.deep.equal([-1, 0, -1]);
  });

  it('tells its host the chosen time', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker .days=${days}></balie-slot-picker>`);
    setTimeout(() => button(el, '09:15').click());
    const event = await oneEvent(el, 'balie-slot-picked');
    expect(event.detail).to.deep.equal({ start: '2026-03-27T08:15:00Z' });
  });

  it('says a slot was taken and offers the next free ones at once', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker .days=${days} .nextFree=${days[1].slots}></balie-slot-picker>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Deze tijd is net door iemand anders gekozen');
    expect(slotButtons(el).map((b) => b.textContent!.trim())).to.deep.equal(['09:30']);
  });

  it('shows Brussels times in French', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker lang="fr" .days=${days} .timeZone=${'Europe/Brussels'}></balie-slot-picker>`);
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.contain('vendredi 27 mars');
    expect(button(el, 'Jour suivant')).to.exist;
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieSlotPicker>(html`<balie-slot-picker .days=${days}></balie-slot-picker>`);
    await expect(el).to.be.accessible();
  });
});
