import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-mode-choice.js';
import type { BalieModeChoice } from './balie-mode-choice.js';

const names = (el: BalieModeChoice) => [...el.shadowRoot!.querySelectorAll('[part~="choice-button"]')].map((b) => b.textContent!.trim());

describe('<balie-mode-choice>', () => {
  it('offers "Nu videobellen" only while the queue is open', async () => {
    const el = await fixture<BalieModeChoice>(html`<balie-mode-choice .modes=${['afspraak', 'direct']} .queue=${{ product: 'paspoort', open: true }}></balie-mode-choice>`);
    expect(names(el)).to.deep.equal(['Afspraak maken', 'Nu videobellen']);
    el.queue = { product: 'paspoort', open: false, opensAt: '2026-11-24T08:00:00Z' };
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Afspraak maken']);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('dinsdag 24 november om 09:00');
  });

  it('chooses by keyboard', async () => {
    const el = await fixture<BalieModeChoice>(html`<balie-mode-choice .modes=${['afspraak', 'direct']} .queue=${{ product: 'paspoort', open: true }}></balie-mode-choice>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="choice-button"]')!;
    button.focus();
    setTimeout(() => button.click()); // Enter on a focused <button> is a click
    const event = await oneEvent(el, 'balie-mode-chosen');
    expect(event.detail).to.deep.equal({ mode: 'afspraak' });
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieModeChoice>(html`<balie-mode-choice .modes=${['afspraak', 'direct']}></balie-mode-choice>`);
    await expect(el).to.be.accessible();
  });
});
