import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import './digitale-balie.js';
import type { DigitaleBalie } from './digitale-balie.js';

const fixtures = new URL('../../test/fixtures/', import.meta.url).href;

/** Collects console.error lines while `run` goes, so a test can read what the web team sees. */
async function consoleErrorsDuring(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return lines;
}

function shadowText(el: DigitaleBalie): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

async function mount(configUrl: string, attrs: { product?: string; lang?: string } = {}) {
  const el = await fixture<DigitaleBalie>(
    html`<digitale-balie config-url=${configUrl} product=${attrs.product ?? 'paspoort'} lang=${attrs.lang ?? ''}></digitale-balie>`,
  );
  await waitUntil(
    () => !shadowText(el).includes('wordt geladen') && !shadowText(el).includes('Loading') && !el.shadowRoot!.querySelector('[aria-busy]'),
    'config never loaded',
  );
  return el;
}

describe('<digitale-balie>', () => {
  it('shows the Videobellen button once the config is loaded', async () => {
    const el = await mount(`${fixtures}config-valid.json`);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Videobellen');
    expect(shadowText(el)).to.contain('Voorbeeldstad');
  });

  it('draws the launcher at once, before the config is there, and starts once it is when pressed early', async () => {
    const el = document.createElement('digitale-balie');
    el.setAttribute('config-url', `${fixtures}config-valid.json`);
    el.setAttribute('product', 'paspoort');
    document.body.append(el);
    try {
      await el.updateComplete;
      // The first render: the button, the stage marked busy, the intro kept hidden until its municipality is known.
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal('Videobellen');
      expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).visibility).to.equal('hidden');
      button.click();
      await waitUntil(() => el.shadowRoot!.querySelector('balie-prejoin'), 'the early press did not start once the config came');
      expect(el.shadowRoot!.querySelector('[aria-busy]')).to.not.exist;
    } finally {
      el.remove();
    }
  });

  it('keeps the launcher button the same element when the config arrives, and shows the intro', async () => {
    const el = document.createElement('digitale-balie');
    el.setAttribute('config-url', `${fixtures}config-valid.json`);
    el.setAttribute('product', 'paspoort');
    document.body.append(el);
    try {
      await el.updateComplete;
      const early = el.shadowRoot!.querySelector('button');
      await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy]'), 'config never loaded');
      expect(el.shadowRoot!.querySelector('button')).to.equal(early);
      expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).visibility).to.equal('visible');
      expect(shadowText(el)).to.contain('Voorbeeldstad');
    } finally {
      el.remove();
    }
  });

  it('passes the a11y audit', async () => {
    const el = await mount(`${fixtures}config-valid.json`);
    await expect(el).to.be.accessible();
  });

  it('speaks English when asked', async () => {
    const el = await mount(`${fixtures}config-valid.json`, { lang: 'en' });
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Video call');
  });

  it('names the products in French on a French page when the config gives them in French', async () => {
    const el = await mount(`${fixtures}config-kustrode-fr.json`, { product: '', lang: 'fr' });
    await waitUntil(() => el.shadowRoot!.querySelector('button'), 'no launcher button (the French texts never came)');
    const launcher = el.shadowRoot!.querySelector('button')!;
    expect(launcher.textContent!.trim()).to.equal('Appel vidéo');
    launcher.click();
    const choice = () => el.shadowRoot!.querySelector('balie-product-choice')?.shadowRoot;
    // The stages arrive as a chunk of their own: the first test to need them waits for it.
    await waitUntil(() => choice()?.querySelector('[part~="choice-button"]'), 'no product choice', { timeout: 5000 });
    const names = [...choice()!.querySelectorAll('[part~="choice-button"]')].map((b) => b.textContent!.trim());
    expect(names).to.deep.equal(["Demander une carte d'identité", 'Calendrier des déchets']);
  });

  it('tells the citizen and the web team when the config URL is not found', async () => {
    let el!: DigitaleBalie;
    const errors = await consoleErrorsDuring(async () => {
      el = await mount(`${fixtures}does-not-exist.json`);
    });
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('De videobalie werkt nu niet');
    expect(errors.join('\n')).to.match(/\[digitale-balie\] config-url ".*does-not-exist\.json" answered 404/);
    await expect(el).to.be.accessible();
  });

  it('names the problem when the config is not valid JSON', async () => {
    let el!: DigitaleBalie;
    const errors = await consoleErrorsDuring(async () => {
      el = await mount(`${fixtures}config-broken.json`);
    });
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.exist;
    expect(errors.join('\n')).to.match(/config-broken\.json" is not valid JSON/);
  });

  it('names the field when the config has the wrong shape', async () => {
    const errors = await consoleErrorsDuring(async () => {
      await mount(`${fixtures}config-wrong-shape.json`);
    });
    const text = errors.join('\n');
    expect(text).to.contain('products[0].name: expected text of 1 to 120 characters, or one per language like { "nl": …, "fr": … }, got undefined');
    expect(text).to.contain('products[0].naam: expected no such field');
  });

  it('says so when the page asks for a product the config does not have', async () => {
    let el!: DigitaleBalie;
    const errors = await consoleErrorsDuring(async () => {
      el = await mount(`${fixtures}config-valid.json`, { product: 'rijbewijs' });
    });
    expect(shadowText(el)).to.contain('Dit onderwerp kunnen we nu niet via video helpen');
    expect(errors.join('\n')).to.contain('product "rijbewijs" is not in the config');
    expect(errors.join('\n')).to.contain('known products: paspoort');
  });

  it('reloads when the config-url attribute changes', async () => {
    await consoleErrorsDuring(async () => {
      const el = await mount(`${fixtures}does-not-exist.json`);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.exist;
      el.setAttribute('config-url', `${fixtures}config-valid.json`);
      await waitUntil(() => el.shadowRoot!.querySelector('button')?.textContent?.trim() === 'Videobellen', 'no launcher');
    });
  });

  it('fires balie-error for the web team when the config fails', async () => {
    const errors: string[] = [];
    await consoleErrorsDuring(async () => {
      const el = document.createElement('digitale-balie');
      el.addEventListener('balie-error', (e) => errors.push(e.detail.code));
      el.setAttribute('config-url', `${fixtures}does-not-exist.json`);
      document.body.append(el);
      await waitUntil(() => errors.length > 0);
      el.remove();
    });
    expect(errors).to.deep.equal(['config']);
  });

  it('moves to the camera check and focuses its heading on Videobellen', async () => {
    const el = await mount(`${fixtures}config-valid.json`);
    el.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('balie-prejoin')?.shadowRoot?.querySelector('h2'), 'no prejoin');
    const prejoin = el.shadowRoot!.querySelector('balie-prejoin')!;
    await waitUntil(() => prejoin.shadowRoot!.activeElement?.tagName === 'H2', 'heading not focused');
    expect(prejoin.shadowRoot!.querySelector('h2')!.textContent).to.equal('Controleer uw camera en microfoon');
    await aTimeout(0);
  });

  it('applies the config theme tokens and text overrides, and warns once about an unknown text key', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await mount(`${fixtures}config-journey.json`);
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal('Bel ons via video');
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(0, 102, 51)');
      expect(el.getAttribute('style')).to.contain('--nl-button-primary-action-background-color');
      await waitUntil(() => warnings.some((w) => w.includes('texts.nl.lancherIntro')), 'no warning about the unknown key');
      expect(warnings.filter((w) => w.includes('lancherIntro'))).to.have.length(1);
    } finally {
      console.warn = original;
    }
  });

  it('takes a DigiD error from the URL fragment, removes it at once, and explains it', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#balie-error=cancelled`);
    const el = await mount(`${fixtures}config-journey.json`);
    expect(location.hash).to.equal('');
    await waitUntil(() => el.shadowRoot!.querySelector('balie-identity-error')?.shadowRoot?.querySelector('[role="alert"]'), 'no identity error');
    const stage = el.shadowRoot!.querySelector('balie-identity-error')!;
    expect(stage.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('U heeft het inloggen gestopt');
    await waitUntil(() => stage.shadowRoot!.activeElement?.tagName === 'H2', 'heading not focused');
  });

  it('gives a plain message and a way back when the slots cannot be fetched', async () => {
    const el = await mount(`${fixtures}config-journey.json`, { lang: 'en' });
    el.shadowRoot!.querySelector('button')!.click();
    // No balie server at apiBase: the slots request fails with a plain message and a way back.
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no error for the unreachable server');
    expect(shadowText(el)).to.contain('There is no connection with the municipality');
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Start again');
    await expect(el).to.be.accessible();
  });
});
