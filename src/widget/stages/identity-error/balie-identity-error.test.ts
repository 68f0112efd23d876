import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-identity-error.js';
import type { BalieIdentityError } from './balie-identity-error.js';
import type { IdentityProblem } from '../../journey/stage-machine.js';

const cases: [IdentityProblem, string, string][] = [
  ['cancelled', 'U heeft het inloggen gestopt', 'Opnieuw proberen'],
  ['provider_error', 'Dat ligt niet aan u', 'Een andere manier kiezen'],
  ['assurance_too_low', 'betere manier van inloggen', 'Een andere manier kiezen'],
  ['code_invalid', 'verlopen of al gebruikt', 'Opnieuw proberen'],
];

describe('<balie-identity-error>', () => {
  for (const [problem, text, action] of cases) {
    it(`explains ${problem} and offers "${action}"`, async () => {
      const el = await fixture<BalieIdentityError>(html`<balie-identity-error .problem=${problem} .municipality=${'Voorbeeldstad'}></balie-identity-error>`);
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(text);
      expect(el.shadowRoot!.textContent).to.contain('Bel de gemeente Voorbeeldstad');
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal(action);
      setTimeout(() => button.click());
      await oneEvent(el, 'balie-retry');
    });
  }

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieIdentityError>(html`<balie-identity-error .problem=${'cancelled'}></balie-identity-error>`);
    await expect(el).to.be.accessible();
  });
});
