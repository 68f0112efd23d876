import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './balie-feedback.js';
import type { BalieFeedback } from './balie-feedback.js';

describe('<balie-feedback>', () => {
  it('asks one question with five labelled choices', async () => {
    const el = await fixture<BalieFeedback>(html`<balie-feedback></balie-feedback>`);
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal('Hoe was het gesprek?');
    const labels = [...el.shadowRoot!.querySelectorAll('.scores label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Heel slecht', 'Slecht', 'Gaat wel', 'Goed', 'Heel goed']);
  });

  it('tells the citizen when sending fails', async () => {
    const el = await fixture<BalieFeedback>(
      html`<balie-feedback .apiBase=${'http://127.0.0.1:9/api/'} .secret=${'s'}></balie-feedback>`,
    );
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="4"]')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no error shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Versturen lukte niet');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieFeedback>(html`<balie-feedback lang="en"></balie-feedback>`);
    await expect(el).to.be.accessible();
  });
});
