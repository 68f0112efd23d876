import { expect, fixture, html } from '@open-wc/testing';
import type { Participant } from 'livekit-client';
import './balie-call.js';
import type { BalieCall } from './balie-call.js';
import { roleOf } from './call-view.js';

describe('<balie-call>', () => {
  it('offers microphone, camera and hang-up controls with labels', async () => {
    const el = await fixture<BalieCall>(html`<balie-call lang="nl"></balie-call>`);
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(labels).to.include('Ophangen');
    expect(labels.some((l) => l.startsWith('Microfoon'))).to.be.true;
    expect(labels.some((l) => l.startsWith('Camera'))).to.be.true;
  });

  it('labels controls in English', async () => {
    const el = await fixture<BalieCall>(html`<balie-call lang="en"></balie-call>`);
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(labels).to.include('Hang up');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieCall>(html`<balie-call lang="nl"></balie-call>`);
    await expect(el).to.be.accessible();
  });
});

describe('roleOf', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['{"role":"citizen"}', 'citizen'],
    ['{"role":"employee"}', 'employee'],
    ['{"role":"interpreter"}', 'interpreter'],
    ['{"role":"admin"}', undefined],
    ['not json', undefined],
    [undefined, undefined],
  ];
  for (const [metadata, role] of cases) {
    it(`reads ${metadata} as ${role}`, () => expect(roleOf({ metadata } as Participant)).to.equal(role));
  }
});
