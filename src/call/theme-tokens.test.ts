import type { ReceivedChatMessage } from '@livekit/components-core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Participant } from 'livekit-client';
import type { TemplateResult } from 'lit';
import { GUEST_CODE_PARAM } from '../protocol/index.js';
import '../console/guest-panel.js';
import '../console/guest/balie-gast.js';
import '../console/sign-in/balie-sign-in.js';
import './balie-call.js';
import './chat/balie-chat.js';

/** The built-in primary colour, #154273, as computed styles report it. */
const DEFAULT_PRIMARY = 'rgb(21, 66, 115)';
const HOUSE_PRIMARY = 'rgb(0, 102, 51)';
const PAINTED = ['color', 'background-color', 'border-top-color', 'border-bottom-color', 'outline-color', 'fill', 'stroke'] as const;

/** Every element under `root`, through open shadow roots. */
function allElements(root: Element | ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? allElements(el.shadowRoot) : [])]);
}

/** Which elements paint which colour property, as `tag.property` strings. */
function painting(root: Element, colour: string): string[] {
  return allElements(root.shadowRoot ?? root).flatMap((el) => {
    const style = getComputedStyle(el);
    return PAINTED.filter((property) => style.getPropertyValue(property) === colour).map(
      (property) => `${el.localName}${el.className ? '.' + el.className : ''} ${property}`,
    );
  });
}

const employee = { isLocal: false, metadata: '{"role":"employee"}' } as Participant;
const chatMessage: ReceivedChatMessage = { id: '1', timestamp: Date.now(), message: 'Zie https://www.voorbeeldstad.nl/zaal', from: employee };

const views: Record<string, TemplateResult> = {
  '<balie-call>': html`<balie-call lang="nl"></balie-call>`,
  '<balie-chat>': html`<balie-chat
    .messages=${[chatMessage]}
    .allowedLinkDomains=${['voorbeeldstad.nl']}
    .quickLinks=${[{ label: 'Zaal huren', url: 'https://www.voorbeeldstad.nl/zaal' }]}
  ></balie-chat>`,
  '<balie-guest-panel>': html`<balie-guest-panel api-base="/no-such-api/"></balie-guest-panel>`,
  '<balie-gast>': html`<balie-gast></balie-gast>`,
  '<balie-sign-in>': html`<balie-sign-in .options=${{ oidc: true, accessCode: true }}></balie-sign-in>`,
};

describe('theme tokens in the call, the console and the interpreter page', () => {
  for (const [name, view] of Object.entries(views)) {
    it(`${name} paints nothing in the default blue once the house colour is set`, async () => {
      // The interpreter's page shows its "join" button only with a link's code in the fragment.
      history.replaceState(null, '', `${location.pathname}${location.search}#${GUEST_CODE_PARAM}=x`);
      const page = await fixture<HTMLDivElement>(html`<div>${view}</div>`);
      page.style.setProperty('--digitale-balie-primary-color', HOUSE_PRIMARY);
      const element = page.firstElementChild!;
      // Elements that ask the (absent) server first settle on a screen with a control of their own.
      await waitUntil(() => painting(element, HOUSE_PRIMARY).length > 0, 'nothing in the house colour', { timeout: 5000 });
      expect(painting(element, DEFAULT_PRIMARY), 'still the default blue').to.deep.equal([]);
    });
  }
});
