import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './balie-identity-panel.js';
import type { BalieIdentityPanel } from './balie-identity-panel.js';

const verified = {
  verified: true,
  name: 'S. Moulin',
  levelOfAssurance: 'substantieel' as const,
  provider: 'digid',
  maskedNationalNumber: '*****3653',
};

/** The employee asks to see the full BSN. */
async function askWhy(el: BalieIdentityPanel): Promise<void> {
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Volledig BSN tonen')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('#reason'), 'the question why');
}

/** The employee picks a reason from the list, as a keyboard or mouse would. */
async function choose(el: BalieIdentityPanel, reason: string): Promise<void> {
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#reason')!;
  select.value = reason;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('<balie-identity-panel>', () => {
  it('shows name, level and the masked BSN', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${verified}></balie-identity-panel>`);
    const text = el.shadowRoot!.querySelector('dl')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('S. Moulin');
    expect(text).to.contain('DigiD, niveau Substantieel');
    expect(text).to.contain('*****3653');
    await expect(el).to.be.accessible();
  });

  it('asks why from the list before showing the BSN in full, with the keyboard on the list', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${verified}></balie-identity-panel>`);
    await askWhy(el);
    const reason = el.shadowRoot!.querySelector<HTMLSelectElement>('#reason')!;
    expect(reason.required).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(reason);
    expect(el.shadowRoot!.querySelector('label[for="reason"]')!.textContent).to.equal('Reden');
    expect(el.shadowRoot!.querySelector('label[for="explanation"]')!.textContent).to.equal('Toelichting');
    expect([...reason.options].map((o) => o.value)).to.deep.equal([
      '',
      'Controle identiteit voor de aanvraag',
      'Verzoek van de inwoner',
      'Gegevens nodig voor de zaak (zaaknummer in toelichting)',
      'Anders (licht toe)',
    ]);
    await expect(el).to.be.accessible();
  });

  it('needs an explanation with the last reason, "Anders"', async () => {
    const el = await fixture<BalieIdentityPanel>(
      html`<balie-identity-panel .identity=${verified} .revealReasons=${['Aanvraag', 'Anders']}></balie-identity-panel>`,
    );
    await askWhy(el);
    const explanation = el.shadowRoot!.querySelector<HTMLInputElement>('#explanation')!;
    await choose(el, 'Aanvraag');
    expect(explanation.required).to.equal(false);
    await choose(el, 'Anders');
    expect(explanation.required).to.equal(true);
    await expect(el).to.be.accessible();
  });

  describe('talking to the server', () => {
    const realFetch = window.fetch;
    let posted: unknown;
    beforeEach(() => {
      posted = undefined;
      window.fetch = async (input, init) => {
        const url = String(input);
        if (init?.method === 'POST' && url.endsWith('/identity/reveal')) {
          posted = JSON.parse(String(init.body));
          return Response.json({ nationalNumber: '999993653' });
        }
        if (url.endsWith('/identity')) return Response.json(verified);
        return new Response(null, { status: 404 });
      };
    });
    afterEach(() => {
      window.fetch = realFetch;
    });

    it('sends the chosen reason and the explanation, then shows the BSN', async () => {
      const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .ticketId=${'t1'}></balie-identity-panel>`);
      await waitUntil(() => el.shadowRoot!.querySelector('dl'), 'identity loaded');
      await askWhy(el);
      await choose(el, 'Verzoek van de inwoner');
      el.shadowRoot!.querySelector<HTMLInputElement>('#explanation')!.value = 'Wil het BSN voor de belastingaangifte';
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'BSN tonen')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('dl')?.textContent?.includes('999993653'), 'BSN shown');
      expect(posted).to.deep.equal({
        reason: 'Verzoek van de inwoner',
        explanation: 'Wil het BSN voor de belastingaangifte',
      });
      await expect(el).to.be.accessible();
    });
  });

  it('says plainly when the citizen did not log in', async () => {
    const el = await fixture<BalieIdentityPanel>(html`<balie-identity-panel .identity=${{ verified: false }}></balie-identity-panel>`);
    expect(el.shadowRoot!.textContent).to.contain('Niet ingelogd');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
