import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../../call/balie-call.js';
import type { DocumentsClient } from '../../call/documents/documents-client.js';
import { themeTokens } from '../../call/theme-tokens.styles.js';
import {
  GUEST_CODE_PARAM,
  type CallGrant,
  type ErrorCode,
  type GuestView,
} from '../../protocol/index.js';
import { callRoute } from '../../protocol/client.js';
import { configRoute } from '../../protocol/routes/system.js';
import { currentGuestRoute, guestCallTokenRoute, leaveGuestRoute, redeemGuestLinkRoute } from '../../protocol/routes/guests.js';
import { PollController } from '../poll-controller.js';
import { guestDocuments } from './guest-documents.js';

type Stage = 'start' | 'waiting' | 'call' | 'ended' | 'error';

const problems: Partial<Record<ErrorCode | 'missing', string>> = {
  missing: 'Deze link is niet compleet. Vraag de medewerker om een nieuwe link.',
  guest_link_used: 'Deze link is al gebruikt. Vraag de medewerker om een nieuwe link.',
  guest_link_expired: 'Deze link is verlopen. Vraag de medewerker om een nieuwe link.',
  guest_link_unknown: 'Deze link klopt niet. Vraag de medewerker om een nieuwe link.',
};

/**
 * The page an interpreter opens from the employee's one-time link: join, wait until the employee
 * lets them in, then the call. The link's code is taken from the URL fragment and removed from the
 * address bar at once, so it is not left in history or bookmarks. In the call the interpreter sees
 * the call's files, and may send one while the employee allows it.
 *
 * @summary Join a citizen's call as an interpreter.
 */
export class BalieGast extends LitElement {
  static override styles = [themeTokens, css`
    :host { display: block; max-width: 960px; margin: 0 auto; padding: 1em; color: var(--_text); background: var(--_surface); font-family: var(--digitale-balie-font-family, var(--nl-document-font-family, system-ui, sans-serif)); font-size: 1.125rem; line-height: 1.5; }
    h1 { font-size: 1.5em; margin: 0 0 0.5em; }
    h1:focus { outline: none; }
    button { font: inherit; font-weight: 600; min-height: 48px; padding: 0.5em 1.25em; border-radius: var(--_radius); border: 2px solid var(--_primary); background: var(--_primary); color: var(--_on-primary); cursor: pointer; }
    button:focus-visible { outline: 3px solid var(--_text); outline-offset: 3px; }
    .error { color: var(--_error); font-weight: 600; }
  `];

  @state() private stage: Stage = 'start';
  @state() private problem = '';
  @state() private grant?: CallGrant;
  /** The call's documents: the interpreter sees them all, and sends when the employee allows it. */
  @state() private documents?: DocumentsClient;
  private code = '';
  private secret = '';

  private readonly status = new PollController<GuestView>(this, () => callRoute(this.apiBase, currentGuestRoute, { headers: this.bearer() }));

  override connectedCallback(): void {
    super.connectedCallback();
    const params = new URLSearchParams(location.hash.slice(1));
    this.code = params.get(GUEST_CODE_PARAM) ?? '';
    // The code is a one-time key: out of the address bar before anything else happens.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    if (!this.code) this.fail('missing');
  }

  // The guest page is served by the balie server itself, next to its API.
  private readonly apiBase = new URL('/api/', location.href);

  private bearer(): Record<string, string> {
    return { authorization: `Bearer ${this.secret}` };
  }

  private fail(code: string | undefined): void {
    this.problem = problems[code as ErrorCode] ?? 'Er ging iets mis. Probeer het opnieuw of vraag de medewerker om een nieuwe link.';
    this.stage = 'error';
  }

  private join = async () => {
    try {
      this.secret = (await callRoute(this.apiBase, redeemGuestLinkRoute, { body: { code: this.code } })).secret;
      this.stage = 'waiting';
      this.status.setActive(true);
    } catch (error) {
      this.fail((error as { code?: string }).code);
    }
  };

  /** The call's token and config are being fetched: each render meanwhile must not fetch (and join) again. */
  private entering = false;

  protected override async updated(): Promise<void> {
    const guest = this.status.value;
    if (this.stage === 'waiting' && guest?.state === 'admitted') {
      if (this.entering) return;
      this.entering = true;
      this.status.setActive(false);
      try {
        const grant = (await callRoute(this.apiBase, guestCallTokenRoute, { headers: this.bearer() })).call;
        // The largest file comes from the config; without it the default holds (the server checks anyway).
        const config = await callRoute(this.apiBase, configRoute).catch((error: Error) => {
          console.warn(`[balie-gast] config: ${error.message}`);
          return undefined;
        });
        // One render with all three: the call joins once, with its documents.
        this.grant = grant;
        this.documents = guestDocuments(this.apiBase, this.secret, config);
        this.stage = 'call';
      } catch (error) {
        this.fail((error as { code?: string }).code);
      } finally {
        this.entering = false;
      }
    } else if (this.stage === 'waiting' && guest?.state === 'ended') {
      this.end();
    }
  }

  private end = () => {
    this.status.setActive(false);
    this.stage = 'ended';
    this.grant = undefined;
    this.documents = undefined;
    if (this.secret) void callRoute(this.apiBase, leaveGuestRoute, { headers: this.bearer() }).catch(() => undefined);
  };

  override render() {
    switch (this.stage) {
      case 'start':
        return html`<h1>Deelnemen als tolk</h1>
          <p>U bent uitgenodigd als tolk bij een videogesprek met de gemeente.</p>
          <button @click=${this.join}>Deelnemen</button>`;
      case 'waiting':
        return html`<h1>Even wachten</h1>
          <p role="status">U bent aangemeld als tolk. De medewerker laat u zo toe tot het gesprek.</p>`;
      case 'call':
        return html`<h1>In gesprek als tolk</h1>
          <balie-call lang="nl" .grant=${this.grant} .documents=${this.documents} @balie-call-leave=${this.end} @balie-call-disconnected=${this.end}></balie-call>`;
      case 'ended':
        return html`<h1>Het gesprek is afgelopen</h1><p role="status">Bedankt voor het tolken.</p>`;
      case 'error':
        return html`<h1>Deelnemen lukt niet</h1><p class="error" role="alert">${this.problem}</p>`;
    }
    return nothing;
  }
}

if (!customElements.get('balie-gast')) customElements.define('balie-gast', BalieGast);

declare global {
  interface HTMLElementTagNameMap {
    'balie-gast': BalieGast;
  }
}
