import { expect, fixture, html } from '@open-wc/testing';
import './balie-identity-panel.js';
import type { BalieIdentityPanel } from './balie-identity-panel.js';

const verified = {
  verified: true,
  name: 'S. Moulin',
  levelOfAssurance: 'substantieel' as const,
  provider: 'digid',
  maskedNationalNumber: '*****3653',
};

describe('<balie-identity-panel>', () => {
  it('shows name, level and the masked BSN', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${verified}></balie-identity-panel>`);
    const text = el.shadowRoot!.querySelector('dl')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('S. Moulin');
    expect(text).to.contain('DigiD, niveau Substantieel');
    expect(text).to.contain('*****3653');
    await expect(el).to.be.accessible();
  });

  it('asks why before showing the BSN in full', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${verified}></balie-identity-panel>`);
    const show = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Volledig BSN tonen')!;
    show.click();
    await el.updateComplete;
    const reason = el.shadowRoot!.querySelector<HTMLInputElement>('#reason')!;
    expect(reason.required).to.equal(true);
    expect(el.shadowRoot!.querySelector('label[for="reason"]')!.textContent).to.equal('Waarom heeft u het volledige BSN nodig?');
    await expect(el).to.be.accessible();
  });

  it('says plainly when the citizen did not log in', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${{ verified: false }}></balie-identity-panel>`);
    expect(el.shadowRoot!.textContent).to.contain('Niet ingelogd');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
