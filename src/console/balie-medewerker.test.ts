import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { QueueEntry } from '../protocol/index.js';
import './balie-medewerker.js';
import { waitedFor, type BalieMedewerker } from './balie-medewerker.js';
import { entryFacts, renderEntry, type EntryActions } from './queue-entry.js';
import { shortcutFor } from './shortcuts-controller.js';

describe('<balie-medewerker>', () => {
  it('asks for sign-in when there is no session', async () => {
    // No balie server behind this page: the session check fails, so the console asks to sign in.
    const el = await fixture<BalieMedewerker>(html`<balie-medewerker api-base="/no-such-api/"></balie-medewerker>`);
    await waitUntil(() => el.shadowRoot!.querySelector('balie-sign-in'), 'no sign-in');
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Inloggen als medewerker');
    const signIn = el.shadowRoot!.querySelector('balie-sign-in')!;
    await waitUntil(() => signIn.shadowRoot!.querySelector('[role="alert"]'), 'no message that the server is away');
    await expect(el).to.be.accessible();
  });

  const now = Date.parse('2026-11-23T10:00:00Z');
  for (const [createdAt, expected] of [
    ['2026-11-23T09:59:30Z', 'wacht net'],
    ['2026-11-23T09:58:00Z', 'wacht 2 min'],
    ['2026-11-23T08:59:00Z', 'wacht 61 min'],
    ['2026-11-23T10:00:30Z', 'wacht net'],
  ] as const) {
    it(`shows ${createdAt} as "${expected}"`, () => expect(waitedFor(createdAt, now)).to.equal(expected));
  }

  const entry: QueueEntry = {
    id: 'x', product: 'paspoort', productName: 'Paspoort aanvragen', state: 'waiting', position: 1,
    createdAt: '2026-11-23T09:55:00Z', audioOnly: false, identityVerified: true, booked: false,
  };
  it('tells a walk-in with a verified identity at a glance', () => {
    expect(entryFacts(entry, now)).to.deep.equal(['wacht 5 min', 'inloop', 'identiteit gecontroleerd']);
  });
  it('tells whom a handed-over citizen is for', () => {
    const forKees = { ...entry, assignedTo: { id: 'k', name: 'Kees' } };
    expect(entryFacts(forKees, now, 'f').at(-1)).to.equal('voor Kees');
    expect(entryFacts(forKees, now, 'k').at(-1)).to.equal('voor u');
  });
  it('tells an anonymous, sound-only citizen with an appointment', () => {
    expect(entryFacts({ ...entry, identityVerified: false, booked: true, audioOnly: true }, now)).to.deep.equal([
      'wacht 5 min', 'afspraak', 'niet ingelogd', 'alleen geluid',
    ]);
  });

  for (const [keys, expected] of [
    [{ altKey: true, code: 'KeyT' }, 'admit-first'],
    [{ altKey: true, code: 'KeyM' }, 'toggle-microphone'],
    [{ altKey: false, code: 'KeyT' }, undefined],
    [{ altKey: true, ctrlKey: true, code: 'KeyT' }, undefined],
    [{ altKey: true, shiftKey: true, code: 'KeyM' }, undefined],
  ] as const) {
    it(`reads ${JSON.stringify(keys)} as ${expected ?? 'no shortcut'}`, () => {
      const event = { ctrlKey: false, metaKey: false, shiftKey: false, ...keys };
      expect(shortcutFor(event)).to.equal(expected);
    });
  }

  describe('a queue row', () => {
    const actions: EntryActions = {
      me: 'f', admit: () => undefined, chooseColleague: () => undefined, handOver: () => undefined,
      colleagues: [{ id: 'k', role: 'medewerker', name: 'Kees' }],
    };
    async function row(entryActions: EntryActions, queueEntry = entry) {
      const list = await fixture<HTMLUListElement>(html`<ul aria-label="Wachtende inwoners"></ul>`);
      render(renderEntry(queueEntry, entryActions), list);
      return list;
    }

    it('offers admit and hand-over, named after the citizen, and is accessible with the form open', async () => {
      const list = await row({ ...actions, handingOver: entry.id });
      const names = [...list.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent);
      expect(names).to.deep.equal([
        'Toelaten: nummer 1, Paspoort aanvragen', 'Overdragen: nummer 1, Paspoort aanvragen', 'Overdragen', 'Annuleren',
      ]);
      expect(list.querySelector('label')!.textContent).to.equal('Overdragen aan');
      await expect(list).to.be.accessible();
    });

    it("has no admit button for a colleague's citizen", async () => {
      const list = await row(actions, { ...entry, assignedTo: { id: 'k', name: 'Kees' } });
      expect(list.querySelector('button')).to.equal(null);
      expect(list.textContent).to.contain('voor Kees');
    });
  });
});
