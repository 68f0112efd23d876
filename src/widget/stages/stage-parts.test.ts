import { expect, html, waitUntil } from '@open-wc/testing';
import { render, type LitElement, type TemplateResult } from 'lit';
import type { BookingView, PaymentView } from '../../protocol/index.js';
import '../digitale-balie.js';
import type { DigitaleBalie } from '../digitale-balie.js';
import './index.js';
import './booking/index.js';
import './payment/balie-payments.js';
import './payment/balie-payment-card.js';
import './booking-payment/balie-booking-payment.js';
import '../../call/balie-call.js';
import type { DocumentsClient } from '../../call/documents/documents-client.js';
import { callExportParts, callParts } from '../call-parts.js';
import { stageParts } from './stage-parts.js';

const root = new URL('../../../', import.meta.url);
const booking: BookingView = {
  id: 'b1', product: 'paspoort', productName: 'Paspoort aanvragen', timeZone: 'Europe/Amsterdam', state: 'booked', identified: true,
  start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z', joinOpensAt: '2026-11-24T08:20:00Z',
};
const payment: PaymentView = {
  id: 'p1', description: 'Paspoort volwassene', amount: 8430, method: 'ideal', status: 'open',
  checkoutUrl: 'https://checkout.example/p1', refunded: false, createdAt: '2026-11-24T08:35:00Z',
};
const heldBooking: BookingView = { ...booking, state: 'awaiting-payment', payment: { description: 'Paspoort volwassene', amount: 8430, method: 'ideal', holdUntil: '2026-11-24T08:15:00Z' } };
/** A citizen's documents with none yet: enough for the call to show its files and "Bestand sturen". */
const noDocuments: DocumentsClient = {
  maxBytes: 10 * 1024 * 1024,
  canSend: true,
  list: async () => ({ documents: [], guestsMaySend: false }),
  upload: () => Promise.reject(new Error('not in this test')),
  download: () => Promise.reject(new Error('not in this test')),
};
const days = [{ date: '2026-11-24', slots: [{ start: '2026-11-24T08:30:00Z', end: '2026-11-24T08:45:00Z' }] }];

/**
 * Every stage element, with the data that makes it show its parts, in the order a citizen meets
 * them. `ready` waits for what appears later (the camera preview) or brings it out (the form's errors).
 */
const stages: { tag: string; template: TemplateResult; ready?: (shadow: ShadowRoot) => unknown }[] = [
  { tag: 'balie-product-choice', template: html`<balie-product-choice .products=${[{ id: 'paspoort', name: 'Paspoort aanvragen' }]}></balie-product-choice>` },
  { tag: 'balie-mode-choice', template: html`<balie-mode-choice .modes=${['afspraak', 'direct']} .queue=${{ product: 'paspoort', open: true }}></balie-mode-choice>` },
  { tag: 'balie-slot-picker', template: html`<balie-slot-picker .days=${days}></balie-slot-picker>` },
  {
    tag: 'balie-details-form',
    template: html`<balie-details-form></balie-details-form>`,
    ready: (shadow) => {
      shadow.querySelector('form')!.requestSubmit();
      return shadow.querySelector('[part~="error"]');
    },
  },
  { tag: 'balie-identity-choice', template: html`<balie-identity-choice .providers=${[{ id: 'digid', label: 'Inloggen met DigiD' }]}></balie-identity-choice>` },
  { tag: 'balie-identity-error', template: html`<balie-identity-error .problem=${'cancelled'}></balie-identity-error>` },
  { tag: 'balie-booking-retry', template: html`<balie-booking-retry></balie-booking-retry>` },
  // A product paid at booking (issue 16): the held booking's payment.
  { tag: 'balie-booking-payment', template: html`<balie-booking-payment .booking=${heldBooking} .payment=${payment}></balie-booking-payment>` },
  { tag: 'balie-confirmation', template: html`<balie-confirmation .booking=${booking}></balie-confirmation>` },
  { tag: 'balie-appointment', template: html`<balie-appointment .booking=${booking}></balie-appointment>` },
  { tag: 'balie-prejoin', template: html`<balie-prejoin></balie-prejoin>`, ready: (shadow) => shadow.querySelector('[part~="preview"]') },
  { tag: 'balie-waiting-room', template: html`<balie-waiting-room></balie-waiting-room>` },
  // In the call (issue 16): the citizen's payments, and the card they show once a payment is asked.
  { tag: 'balie-payments', template: html`<balie-payments></balie-payments>` },
  { tag: 'balie-payment-card', template: html`<balie-payment-card .payment=${payment}></balie-payment-card>` },
  { tag: 'balie-feedback', template: html`<balie-feedback></balie-feedback>` },
];

interface Declaration {
  tagName?: string;
  superclass?: { name: string };
  cssParts?: { name: string }[];
}

/** The element declarations of custom-elements.json, generated from the JSDoc. */
async function declarations(): Promise<Declaration[]> {
  const manifest = await (await fetch(new URL('custom-elements.json', root))).json();
  return manifest.modules.flatMap((m: { declarations?: Declaration[] }) => m.declarations ?? []);
}

/**
 * The parts the page can style: the launcher's own and the forwarded ones. The last tests hold
 * this to the element's `@csspart` JSDoc, so each documented part gets its styling test.
 */
const pageParts = [...new Set(['stage', 'launcher-button', ...stageParts, ...callParts])];

/**
 * Call parts that only appear with people in a LiveKit room (tiles), which a unit test has not:
 * for these the forwarding itself is checked, and the call e2e tests show the tiles.
 */
const partsOfALiveRoom = ['tile', 'screen-tile'];

/** The elements carrying `part` in `tree` and in the shadow trees of the elements inside it. */
function withPart(tree: ParentNode, part: string): Element[] {
  return [...tree.querySelectorAll('*')].flatMap((el) => [
    ...(el.part.contains(part) ? [el] : []),
    ...(el.shadowRoot ? withPart(el.shadowRoot, part) : []),
  ]);
}

function partsIn(tree: ParentNode): Set<string> {
  return new Set([...tree.querySelectorAll('*')].flatMap((el) => [...el.part, ...(el.shadowRoot ? partsIn(el.shadowRoot) : [])]));
}

describe('<digitale-balie> parts', () => {
  let balie: DigitaleBalie;
  /** Where the stage elements render: inside `<digitale-balie>`'s shadow root, as in a journey. */
  let stageBox: HTMLElement;
  /** Where the call renders, as `<digitale-balie>` renders it (same `exportparts`). */
  let callBox: HTMLElement;

  before(async () => {
    // Not `fixture()`: that removes the element after the first test, and the tests share one walk.
    balie = document.createElement('digitale-balie');
    balie.configUrl = new URL('test/fixtures/config-valid.json', root).href;
    balie.product = 'paspoort';
    document.body.append(balie);
    await waitUntil(() => balie.shadowRoot!.querySelector('[part~="launcher-button"]'), 'no launcher');
    stageBox = document.createElement('div');
    balie.shadowRoot!.append(stageBox);
    render(stages.map((s) => s.template), stageBox);
    callBox = document.createElement('div');
    balie.shadowRoot!.append(callBox);
    render(html`<balie-call exportparts=${callExportParts} lang="nl" .documents=${noDocuments}></balie-call>`, callBox);
    const call = callBox.querySelector('balie-call')!;
    await (call as LitElement).updateComplete;
    // The chat is open from the start.
    await waitUntil(() => call.shadowRoot!.querySelector('balie-chat')?.shadowRoot?.querySelector('[part~="log"]'), 'no chat in the call');
    await waitUntil(() => call.shadowRoot!.querySelector('balie-documents')?.shadowRoot?.querySelector('[part~="send-button"]'), 'no documents in the call');
    for (const { tag, ready } of stages) {
      const stage = stageBox.querySelector(tag)!;
      await customElements.whenDefined(tag);
      await (stage as LitElement).updateComplete;
      if (ready) await waitUntil(() => ready(stage.shadowRoot!), `${tag} never got ready`, { timeout: 5000 });
    }
  });

  after(() => {
    render(null, stageBox);
    render(null, callBox);
    balie.remove();
  });

  // The web team's house style: one rule per part in the page's own style sheet.
  for (const part of pageParts.filter((p) => !partsOfALiveRoom.includes(p))) {
    it(`lets the page style ::part(${part})`, async () => {
      const style = document.createElement('style');
      style.textContent = `digitale-balie::part(${part}) { outline-color: rgb(1, 2, 3); }`;
      document.head.append(style);
      try {
        const carriers = withPart(balie.shadowRoot!, part);
        expect(carriers, `nothing carries part="${part}"`).to.not.be.empty;
        const unstyled = carriers.filter((el) => getComputedStyle(el).outlineColor !== 'rgb(1, 2, 3)');
        const where = (el: Element) => `<${el.localName} part="${el.getAttribute('part')}"> in <${(el.getRootNode() as ShadowRoot).host.localName}>`;
        expect(unstyled.map(where), 'unstyled by the page').to.deep.equal([]);
      } finally {
        style.remove();
      }
    });
  }

  it('documents on <digitale-balie> every part the page can style, and no other', async () => {
    const documented = (await declarations()).find((d) => d.tagName === 'digitale-balie')!.cssParts!.map((p) => p.name);
    // Its own (the launcher's) and the stage elements' forwarded ones.
    const own = [...balie.shadowRoot!.querySelectorAll('*')].filter((el) => !stageBox.contains(el) && !callBox.contains(el)).flatMap((el) => [...el.part]);
    expect([...documented].sort()).to.deep.equal([...new Set([...own, ...stageParts, ...callParts])].sort());
    // …and each of them has its styling test above.
    expect(pageParts).to.have.members(documented);
  });

  it('forwards every part the stage templates use', () => {
    const used = [...partsIn(stageBox)].filter((part) => !(stageParts as readonly string[]).includes(part));
    expect(used, 'parts missing from stageParts (src/widget/stages/stage-parts.ts)').to.deep.equal([]);
  });

  it('forwards every part a stage element documents, and walks every stage element', async () => {
    const stageElements = (await declarations()).filter((d) => d.tagName && ['BalieStage', 'BookingStage'].includes(d.superclass?.name ?? ''));
    expect(stageElements.map((d) => d.tagName).sort()).to.deep.equal(stages.map((s) => s.tag).sort());
    const documentedByStages = new Set(stageElements.flatMap((d) => d.cssParts?.map((p) => p.name) ?? []));
    expect([...documentedByStages].sort()).to.deep.equal([...stageParts].sort());
  });

  it("forwards every part the call's templates use, the tiles' too", async () => {
    const call = callBox.querySelector('balie-call')!;
    const used = [...partsIn(call.shadowRoot!)].filter((part) => !(callParts as readonly string[]).includes(part));
    expect(used, 'parts missing from callParts (src/widget/call-parts.ts)').to.deep.equal([]);
    // The tiles' parts, which need a room to appear: named in <balie-call>'s documentation and forwarded.
    const documented = (await declarations()).find((d) => d.tagName === 'balie-call')!.cssParts!.map((p) => p.name);
    expect(documented).to.include.members(partsOfALiveRoom);
    expect(call.getAttribute('exportparts')!.split(', ')).to.include.members(partsOfALiveRoom);
  });
});
