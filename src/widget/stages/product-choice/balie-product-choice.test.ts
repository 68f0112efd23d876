import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-product-choice.js';
import type { BalieProductChoice } from './balie-product-choice.js';

const products = [{ id: 'paspoort', name: 'Paspoort aanvragen' }, { id: 'afval', name: 'Grofvuil' }];

describe('<balie-product-choice>', () => {
  it('offers each product and tells which was chosen', async () => {
    const el = await fixture<BalieProductChoice>(html`<balie-product-choice .products=${products}></balie-product-choice>`);
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="choice-button"]')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Paspoort aanvragen', 'Grofvuil']);
    setTimeout(() => buttons[1].click());
    expect((await oneEvent(el, 'balie-product-chosen')).detail).to.deep.equal({ product: 'afval' });
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieProductChoice>(html`<balie-product-choice .products=${products}></balie-product-choice>`);
    await expect(el).to.be.accessible();
  });
});
