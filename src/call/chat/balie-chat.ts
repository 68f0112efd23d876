import type { ReceivedChatMessage } from '@livekit/components-core';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { QuickLink } from '../../protocol/index.js';
import { roleOf } from '../call-view.js';
import { callText, type CallMessageKey } from '../i18n.js';
import { linkify } from '../linkify.js';
import { themeTokens } from '../theme-tokens.styles.js';

/**
 * The chat of a call: messages with sender and time, always rendered as text; links only for the
 * municipality's own domains. Employees get one-click quick links.
 *
 * @summary Chat panel of a call.
 * @attr lang - Language of labels.
 * @fires balie-chat-send - The person sends a message. Detail: `{ text: string }`.
 * @csspart log - The list of messages.
 * @csspart input - The message field.
 */
export class BalieChat extends LitElement {
  static override styles = [themeTokens, css`
    :host { display: block; color: var(--_text); }
    .log { margin: 0 0 0.5em; padding: 0.5em; max-height: 16em; overflow-y: auto; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    ol { list-style: none; margin: 0; padding: 0; }
    li { margin-bottom: 0.5em; overflow-wrap: anywhere; }
    .meta { font-size: 0.85em; color: var(--_muted); display: block; }
    form { display: flex; gap: 0.5em; flex-wrap: wrap; }
    label { width: 100%; font-weight: 600; }
    input { flex: 1 1 10em; font: inherit; min-height: 44px; padding: 0.25em 0.5em; border: 2px solid var(--_border); border-radius: var(--_radius); color: var(--_text); background: var(--_surface); }
    button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.25em 1em; border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); cursor: pointer; }
    button.link { background: var(--_surface); color: var(--_primary); }
    .quick { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.5em; }
    a { color: var(--_primary); font-weight: 600; }
    button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
  `];

  @property({ reflect: true }) override lang = '';
  @property({ attribute: false }) messages: ReceivedChatMessage[] = [];
  @property({ attribute: false }) allowedLinkDomains: string[] = [];
  /** Shown only when not empty (the employee's side). */
  @property({ attribute: false }) quickLinks: QuickLink[] = [];
  @state() private draft = '';

  private t(key: CallMessageKey) {
    return callText(this.lang, key);
  }

  private sender(message: ReceivedChatMessage): string {
    if (!message.from || message.from.isLocal) return this.t('you');
    const role = roleOf(message.from);
    return role ? this.t(role) : '';
  }

  private time(timestamp: number): string {
    return new Intl.DateTimeFormat(this.lang || 'nl', { hour: '2-digit', minute: '2-digit' }).format(timestamp);
  }

  private send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.dispatchEvent(new CustomEvent('balie-chat-send', { detail: { text: trimmed }, bubbles: true, composed: true }));
  }

  private submit = (event: SubmitEvent) => {
    event.preventDefault();
    this.send(this.draft);
    this.draft = '';
  };

  protected override updated(): void {
    const log = this.renderRoot.querySelector<HTMLElement>('.log');
    if (log) log.scrollTop = log.scrollHeight;
  }

  override render() {
    return html`
      <div part="log" class="log" role="log" aria-label=${this.t('chat')}><ol>
        ${this.messages.map(
          (m) => html`<li>
            <span class="meta">${this.sender(m)} · ${this.time(m.timestamp)}</span>
            ${linkify(m.message, this.allowedLinkDomains).map((part) =>
              'href' in part
                ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`
                : part.text,
            )}
          </li>`,
        )}
      </ol></div>
      <form @submit=${this.submit}>
        <label for="message">${this.t('chatMessage')}</label>
        <input id="message" part="input" autocomplete="off" maxlength="2000" .value=${this.draft}
          @input=${(e: InputEvent) => (this.draft = (e.target as HTMLInputElement).value)} />
        <button type="submit">${this.t('chatSend')}</button>
      </form>
      ${this.quickLinks.length
        ? html`<div class="quick" role="group" aria-label=${this.t('quickLinks')}>
            ${this.quickLinks.map(
              (link) => html`<button class="link" type="button" @click=${() => this.send(`${link.label}: ${link.url}`)}>
                ${this.t('sendLink')} ${link.label}
              </button>`,
            )}
          </div>`
        : nothing}
    `;
  }
}

if (!customElements.get('balie-chat')) customElements.define('balie-chat', BalieChat);

declare global {
  interface HTMLElementTagNameMap {
    'balie-chat': BalieChat;
  }
  interface GlobalEventHandlersEventMap {
    'balie-chat-send': CustomEvent<{ text: string }>;
  }
}
