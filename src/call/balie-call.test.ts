import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ConnectionError, type Participant } from 'livekit-client';
import './balie-call.js';
import type { BalieCall } from './balie-call.js';
import { roleOf } from './call-view.js';
import { isTransientJoinError } from './room-controller.js';

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

  it('labels controls in French, for the Flemish municipalities\' French pages', async () => {
    const el = await fixture<BalieCall>(html`<balie-call lang="fr-BE"></balie-call>`);
    const labels = [...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(labels).to.include('Raccrocher');
    expect(labels.some((l) => l.startsWith('Couper le micro') || l.startsWith('Allumer le micro'))).to.be.true;
  });

  it('keeps trying to join while LiveKit cannot be reached, and says so', async () => {
    // Nothing listens on port 9: what a restarting livekit-server looks like to a browser.
    const grant = { url: 'ws://127.0.0.1:9', token: 'x', identity: 'c-1', role: 'citizen' as const, expiresIn: 600 };
    const el = await fixture<BalieCall>(html`<balie-call lang="nl" audio-only .grant=${grant}></balie-call>`);
    const alert = () => el.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '';
    const reconnecting = 'De verbinding is even weg. We proberen het opnieuw…';
    await waitUntil(() => alert() === reconnecting, `no reconnect text: "${alert()}"`, { timeout: 8000 });
    el.remove();
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

describe('isTransientJoinError', () => {
  const cases: [string, unknown, boolean][] = [
    ['LiveKit unreachable', ConnectionError.serverUnreachable('down'), true],
    ['a timeout', ConnectionError.timeout('slow'), true],
    ['a dropped websocket', ConnectionError.websocket('ws'), true],
    ['a refused token', ConnectionError.notAllowed('401', 401), false],
    ['a join cancelled by leaving', ConnectionError.cancelled('left'), false],
    ['any other error', new Error('boom'), false],
  ];
  for (const [name, error, transient] of cases) {
    it(`${transient ? 'retries' : 'gives up on'} ${name}`, () => expect(isTransientJoinError(error)).to.equal(transient));
  }
});
