import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './balie-identity-choice.js';
import type { BalieIdentityChoice } from './balie-identity-choice.js';

const providers = [{ id: 'digid', label: 'Inloggen met DigiD' }, { id: 'csam', label: 'Inloggen met itsme' }];

describe('<balie-identity-choice>', () => {
  it('offers one button per provider and says why', async () => {
    const el = await fixture<BalieIdentityChoice>(html`<balie-identity-choice .providers=${providers} .productName=${'Paspoort aanvragen'}></balie-identity-choice>`);
    expect(el.shadowRoot!.textContent).to.contain('Voor Paspoort aanvragen moet u inloggen');
    const digid = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="choice-button"]')!;
    expect(digid.textContent!.trim()).to.equal('Inloggen met DigiD');
    setTimeout(() => digid.click());
    expect((await oneEvent(el, 'balie-identity-chosen')).detail).to.deep.equal({ provider: 'digid' });
  });

  it('says why and offers the login in French when the config gives the texts in French', async () => {
    const itsme = [{ id: 'itsme', label: { nl: 'Aanmelden met itsme', fr: 'Se connecter avec itsme' } }];
    const product = { nl: 'Identiteitskaart aanvragen', fr: "Demander une carte d'identité" };
    const el = await fixture<BalieIdentityChoice>(html`<balie-identity-choice lang="fr" .providers=${itsme} .productName=${product}></balie-identity-choice>`);
    expect(el.shadowRoot!.textContent).to.contain("Pour Demander une carte d'identité, vous devez vous connecter");
    expect(el.shadowRoot!.querySelector('[part~="choice-button"]')!.textContent!.trim()).to.equal('Se connecter avec itsme');
    expect(el.shadowRoot!.textContent).not.to.contain('Aanmelden');
  });

  it('waits while the page goes to the provider', async () => {
    const el = await fixture<BalieIdentityChoice>(html`<balie-identity-choice .providers=${providers} .leaving=${true}></balie-identity-choice>`);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="choice-button"]')!.disabled).to.be.true;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('U gaat naar de inlogpagina');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieIdentityChoice>(html`<balie-identity-choice .providers=${providers}></balie-identity-choice>`);
    await expect(el).to.be.accessible();
  });
});
