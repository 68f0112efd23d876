import type { ReceivedChatMessage } from '@livekit/components-core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Participant } from 'livekit-client';
import './balie-chat.js';
import type { BalieChat } from './balie-chat.js';

const employee = { isLocal: false, metadata: '{"role":"employee"}' } as Participant;
const message = (text: string): ReceivedChatMessage => ({ id: text, timestamp: Date.parse('2026-11-23T10:05:00Z'), message: text, from: employee });

describe('<balie-chat>', () => {
  it('shows hostile text as text, with no element made from it', async () => {
    const el = await fixture<BalieChat>(html`<balie-chat .messages=${[message('<img src=x onerror=alert(1)> javascript:alert(2)')]}></balie-chat>`);
    const log = el.shadowRoot!.querySelector('[role="log"]')!;
    expect(log.querySelector('img')).to.be.null;
    expect(log.querySelector('a')).to.be.null;
    expect(log.textContent).to.contain('<img src=x onerror=alert(1)>');
  });

  it('makes links only for allowed domains', async () => {
    const el = await fixture<BalieChat>(html`<balie-chat
      .allowedLinkDomains=${['voorbeeldstad.nl']}
      .messages=${[message('Zie https://www.voorbeeldstad.nl/zaal en https://evil.example/')]}
    ></balie-chat>`);
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.href);
    expect(links).to.deep.equal(['https://www.voorbeeldstad.nl/zaal']);
  });

  it('names the sender by role', async () => {
    const el = await fixture<BalieChat>(html`<balie-chat .messages=${[message('Goedemiddag')]}></balie-chat>`);
    expect(el.shadowRoot!.querySelector('.meta')!.textContent).to.contain('Medewerker');
  });

  it('sends a quick link with one click', async () => {
    const el = await fixture<BalieChat>(html`<balie-chat .quickLinks=${[{ label: 'Zaal huren', url: 'https://www.voorbeeldstad.nl/zaal' }]}></balie-chat>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.quick button')!;
    setTimeout(() => button.click());
    const { detail } = await oneEvent(el, 'balie-chat-send');
    expect(detail.text).to.equal('Zaal huren: https://www.voorbeeldstad.nl/zaal');
  });

  it('passes the a11y audit', async () => {
    const el = await fixture<BalieChat>(html`<balie-chat .messages=${[message('Hallo')]}></balie-chat>`);
    await expect(el).to.be.accessible();
  });
});
