import { expect } from '@open-wc/testing';
import type { BalieConfig, BookingView, CallGrant, Lang } from '../../protocol/index.js';
import { BalieApiError } from '../api-client.js';
import { bookingEffects } from '../stages/booking/booking-effects.js';
import { newBrowserBinding, takeBrowserBinding } from '../stages/booking/browser-binding.js';
import { queueEffects } from '../stages/queue-plugin.js';
import { firstScriptEffects } from './journey-controller.js';
import { runEffects, type IdentitySession, type Journey, type JourneyPart, type StageEffects } from './journey-plugin.js';
import type { Stage, StageEvent } from './stage-machine.js';

const config: BalieConfig = { municipality: { name: 'Voorbeeldstad' }, products: [{ id: 'afval', name: 'Grofvuil', modes: ['afspraak'] }] };
const grant: CallGrant = { url: 'ws://x', token: 't', identity: 'c-1', role: 'citizen', expiresIn: 600 };
const booking: BookingView = {
  id: 'b1', product: 'afval', productName: 'Grofvuil', start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z',
  timeZone: 'Europe/Amsterdam', state: 'booked', joinOpensAt: '2026-11-24T08:20:00Z', identified: false,
};
const draft = { product: 'afval', mode: 'afspraak' as const };

/** What entering a stage did: the journey's events, failures, loaded parts, session changes and events for the page. */
interface Done {
  dispatched: StageEvent['type'][];
  failed: string[];
  loaded: JourneyPart[];
  session: boolean[];
  fired: string[];
}

/**
 * Enters `stage` with `table`'s rows and records what they did. The balie server is a closed port:
 * a row that asks it fails as it would when the municipality cannot be reached.
 */
async function enter(table: StageEffects, stage: Stage, session: IdentitySession = { identified: false }, language: Lang = 'nl'): Promise<Done> {
  const done: Done = { dispatched: [], failed: [], loaded: [], session: [], fired: [] };
  const host = new EventTarget();
  for (const type of ['balie-call-started', 'balie-call-ended', 'balie-error']) host.addEventListener(type, () => done.fired.push(type));
  const journey: Journey = {
    stage,
    context: { config, product: 'afval', mode: 'beide', identified: session.identified },
    session,
    apiBase: new URL('http://127.0.0.1:9/api/'),
    language,
    texts: {},
    pageUrl: location.href,
    productId: 'afval',
    host,
    dispatch: (event) => void done.dispatched.push(event.type),
    fail: (error) => void done.failed.push(error instanceof BalieApiError ? error.code : String(error)),
    keepSession: (kept) => void done.session.push(kept.identified),
    load: async (part) => void done.loaded.push(part),
    t: (key) => key,
  };
  const warn = console.warn;
  console.warn = () => {};
  try {
    await runEffects([table], stage, journey);
  } finally {
    console.warn = warn;
  }
  return done;
}

const nothing: Done = { dispatched: [], failed: [], loaded: [], session: [], fired: [] };
const identified = { identified: true, token: 'session' };

const rows: [string, StageEffects, Stage, IdentitySession | undefined, Partial<Done>][] = [
  ['loads the booking part for a journey that waits for it', firstScriptEffects, { name: 'starting' }, undefined, { loaded: ['booking'] }],
  ['loads the booking part to resume after DigiD', firstScriptEffects, { name: 'resuming', from: { kind: 'code', code: 'c' } }, undefined, { loaded: ['booking'] }],
  ['loads the camera check and the queue at prejoin', firstScriptEffects, { name: 'prejoin' }, undefined, { loaded: ['queue'] }],
  ['does nothing at the launcher in the first script', firstScriptEffects, { name: 'launcher' }, undefined, {}],
  ['asks for no ticket before the camera check is done', queueEffects, { name: 'prejoin' }, undefined, {}],
  ['fails the journey when the ticket cannot be had', queueEffects, { name: 'prejoin', joining: { audioOnly: false } }, undefined, { failed: ['network'] }],
  ['fails the journey when the call cannot be had', queueEffects, { name: 'waiting', secret: 's', audioOnly: false, admitted: true }, undefined, { failed: ['network'] }],
  ['leaves the queue even when the server cannot be told', queueEffects, { name: 'waiting', secret: 's', audioOnly: false, leaving: true }, undefined, { dispatched: ['ticket-ended'] }],
  ['hangs up even when the server cannot be told', queueEffects, { name: 'call', secret: 's', grant, audioOnly: false, leaving: true }, undefined, { dispatched: ['call-ended'] }],
  ['tells the page the call started', queueEffects, { name: 'call', secret: 's', grant, audioOnly: false }, undefined, { fired: ['balie-call-started'] }],
  ['tells the page the wait or call ended', queueEffects, { name: 'ended', message: 'leftQueue', reason: 'left' }, undefined, { fired: ['balie-call-ended'] }],
  ['begins the journey that waited for the booking part', bookingEffects, { name: 'starting' }, undefined, { dispatched: ['start'] }],
  ['asks for no queue status when the product only books', bookingEffects, { name: 'mode', draft }, undefined, {}],
  ['fails the journey when the free slots cannot be had', bookingEffects, { name: 'slot', draft }, undefined, { failed: ['network'] }],
  ['asks for no slots once they are there', bookingEffects, { name: 'slot', draft, slots: { product: 'afval', timeZone: 'Europe/Amsterdam', days: [] } }, undefined, {}],
  ['asks for no slots when the next free ones are shown', bookingEffects, { name: 'slot', draft, nextFree: [] }, undefined, {}],
  ['books nothing while the booking is interrupted', bookingEffects, { name: 'booking', draft, interrupted: true }, undefined, {}],
  ['keeps the details and waits when the server cannot be reached while booking', bookingEffects, { name: 'booking', draft: { ...draft, slotStart: 'x', details: { name: 'Jan', email: 'jan@example.nl' }, idempotencyKey: 'k' } }, undefined, { dispatched: ['booking-interrupted'], fired: ['balie-error'] }],
  ['goes on to DigiD without a restored session when the server cannot be asked', bookingEffects, { name: 'identity', draft }, undefined, {}],
  ['refuses a return link this tab started no login for, without asking the server (login CSRF)', bookingEffects, { name: 'resuming', from: { kind: 'code', code: 'c' } }, undefined, { dispatched: ['identity-failed'], fired: ['balie-error'] }],
  ['fails the journey when the identity provider cannot be reached', bookingEffects, { name: 'identity', draft, provider: 'digid' }, undefined, { failed: ['network'] }],
  ['fails the journey when the appointment cannot be cancelled', bookingEffects, { name: 'appointment', booking, manageSecret: 'm', cancelling: true }, undefined, { failed: ['network'] }],
  ['cancels nothing on opening the appointment', bookingEffects, { name: 'appointment', booking, manageSecret: 'm' }, undefined, {}],
  ['logs out at the launcher', bookingEffects, { name: 'launcher' }, identified, { session: [false] }],
  ['logs out once the citizen waits', bookingEffects, { name: 'waiting', secret: 's', audioOnly: false }, identified, { session: [false] }],
  ['logs out once the appointment is booked', bookingEffects, { name: 'confirmation', booking, manageSecret: 'm' }, identified, { session: [false] }],
  ['logs out when the server refused the login', bookingEffects, { name: 'error', message: 'loginNeeded' }, identified, { session: [false] }],
  ['keeps the login through another error', bookingEffects, { name: 'error', message: 'networkError' }, identified, {}],
  ['has nothing to log out without a login', bookingEffects, { name: 'launcher' }, undefined, {}],
];

describe('journey effects: on entering a stage', () => {
  for (const [behaviour, table, stage, session, expected] of rows) {
    it(behaviour, async () => expect(await enter(table, stage, session)).to.deep.equal({ ...nothing, ...expected }));
  }
});

describe('taking a ticket', () => {
  it("tells the server the widget's language, for the pages it shows outside the widget", async () => {
    const sent: unknown[] = [];
    const fetch = window.fetch;
    window.fetch = async (url, init) => {
      sent.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ ticket: { id: 't1', product: 'afval', state: 'waiting', position: 1, createdAt: '' }, secret: 's' }), { status: 201 });
    };
    try {
      const done = await enter(queueEffects, { name: 'prejoin', joining: { audioOnly: true } }, undefined, 'fr');
      expect(done.dispatched).to.deep.equal(['ticket-created']);
    } finally {
      window.fetch = fetch;
    }
    expect(sent).to.deep.equal([{ url: 'http://127.0.0.1:9/api/tickets', body: { product: 'afval', audioOnly: true, lang: 'fr' } }]);
  });
});

describe('browser binding of a DigiD login', () => {
  it('keeps the secret whose hash the start sends, for one exchange in this tab', async () => {
    const hash = await newBrowserBinding();
    const kept = takeBrowserBinding()!;
    expect(kept).to.match(/^[A-Za-z0-9_-]{43}$/);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(kept)));
    expect(hash).to.equal(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
    expect(takeBrowserBinding()).to.equal(undefined);
  });

  it('gives every login its own secret', async () => {
    expect(await newBrowserBinding()).not.to.equal(await newBrowserBinding());
    takeBrowserBinding();
  });
});
