import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '../call/balie-call.js';
import './guest-panel.js';
import type { BalieCallDisconnectedEvent } from '../call/events/balie-call-disconnected.js';
import { isApiErrorBody, type AdmitResponse, type BalieConfig, type CallGrant, type QueueEntry } from '../protocol/index.js';
import { consoleStyles } from './balie-medewerker.styles.js';
import { QueueStreamController } from './queue-stream-controller.js';

type View = 'checking' | 'signed-out' | 'queue' | 'call';

/** How long someone has waited, in whole minutes, as an employee reads it at a glance. */
export function waitedFor(createdAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  return minutes < 1 ? 'wacht net' : `wacht ${minutes} min`;
}

/**
 * The employee's console: sign in, see who is waiting (live), admit a citizen and talk to them.
 * Issue #6 adds OIDC login, agenda, identity, notes and figures.
 *
 * @summary Employee console: live queue, admit, call.
 * @attr api-base - Base URL of the balie API; defaults to `/api/` on the page's origin.
 * @csspart queue - The list of waiting citizens.
 */
export class BalieMedewerker extends LitElement {
  static override styles = consoleStyles;

  @property({ attribute: 'api-base' }) apiBase = '/api/';

  @state() private view: View = 'checking';
  @state() private grant?: CallGrant;
  @state() private notice = '';
  @state() private signInError = '';
  /** The municipality's config: quick links and allowed link domains for the chat. */
  @state() private config?: BalieConfig;

  private readonly queue = new QueueStreamController(this, () => this.api('console/events'));
  private admittedTicket?: string;
  private clock?: ReturnType<typeof setInterval>;

  private api(path: string): string {
    return new URL(path, new URL(this.apiBase, document.baseURI)).href;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-render once a minute so "wacht N min" stays true without a stream event.
    this.clock = setInterval(() => this.requestUpdate(), 60_000);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  protected override updated(changed: PropertyValues): void {
    if (this.queue.status === 'signed-out' && this.view === 'queue') this.view = 'signed-out';
    if (changed.has('view')) this.renderRoot.querySelector<HTMLElement>('[data-view-heading]')?.focus();
  }

  private async checkSession(): Promise<void> {
    const response = await fetch(this.api('console/session'), { credentials: 'same-origin' }).catch(() => undefined);
    if (response?.ok) this.enterQueue();
    else this.view = 'signed-out';
  }

  private enterQueue(): void {
    this.view = 'queue';
    this.queue.start();
    void fetch(this.api('config'), { credentials: 'same-origin' })
      .then((response) => (response.ok ? (response.json() as Promise<BalieConfig>) : undefined))
      .then((config) => (this.config = config))
      .catch((error: Error) => console.warn(`[balie-medewerker] config: ${error.message}`));
  }

  private signIn = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const accessCode = (new FormData(form).get('accessCode') as string | null) ?? '';
    const response = await this.post('console/session', { accessCode });
    if (response.ok) {
      this.signInError = '';
      this.enterQueue();
    } else {
      this.signInError = response.status === 401 ? 'Deze toegangscode klopt niet.' : 'Inloggen lukt nu niet. Probeer het opnieuw.';
    }
  };

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(this.api(path), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => new Response(null, { status: 503 }));
  }

  private async admit(entry: QueueEntry): Promise<void> {
    this.notice = '';
    const response = await this.post(`console/tickets/${entry.id}/admit`, {});
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      this.notice = isApiErrorBody(body) && body.error.code === 'already_admitted'
        ? 'Een collega heeft deze inwoner al toegelaten.'
        : 'Toelaten lukte niet. De inwoner is misschien weg.';
      return;
    }
    this.admittedTicket = entry.id;
    this.grant = (body as AdmitResponse).call;
    this.view = 'call';
  }

  private async endCall(message: string): Promise<void> {
    const ticket = this.admittedTicket;
    this.admittedTicket = undefined;
    this.grant = undefined;
    this.view = 'queue';
    this.notice = message;
    if (ticket) await this.post(`console/tickets/${ticket}/end`, {});
  }

  private onDisconnected = (event: BalieCallDisconnectedEvent) => {
    void this.endCall(
      event.detail.reason === 'room-closed'
        ? 'Het gesprek is beëindigd. De inwoner heeft opgehangen.'
        : 'Het gesprek is beëindigd. De verbinding is verbroken.',
    );
  };

  override render() {
    switch (this.view) {
      case 'checking':
        return html`<p role="status">Bezig met laden…</p>`;
      case 'signed-out':
        return this.renderSignIn();
      case 'queue':
        return this.renderQueue();
      case 'call':
        return html`<h1 tabindex="-1" data-view-heading>In gesprek</h1>
          <balie-call
            lang="nl"
            .grant=${this.grant}
            .quickLinks=${this.config?.chat?.quickLinks ?? []}
            .allowedLinkDomains=${this.config?.chat?.allowedLinkDomains ?? []}
            @balie-call-leave=${() => this.endCall('Het gesprek is beëindigd.')}
            @balie-call-disconnected=${this.onDisconnected}
          ></balie-call>
          <balie-guest-panel api-base=${this.apiBase} .ticketId=${this.admittedTicket ?? ''}></balie-guest-panel>`;
    }
  }

  private renderSignIn() {
    return html`<h1 tabindex="-1" data-view-heading>Inloggen als medewerker</h1>
      <form @submit=${this.signIn}>
        <label for="code">Toegangscode</label>
        <input id="code" name="accessCode" type="password" autocomplete="current-password" required />
        ${this.signInError ? html`<p class="error" role="alert">${this.signInError}</p>` : nothing}
        <button type="submit">Inloggen</button>
      </form>`;
  }

  private renderQueue() {
    const entries = this.queue.entries.filter((e) => e.state === 'waiting');
    return html`<h1 tabindex="-1" data-view-heading>Videobalie</h1>
      <p role="status">${this.notice}</p>
      ${this.queue.status === 'reconnecting'
        ? html`<p class="error" role="alert">De verbinding met de server is weg. We proberen het opnieuw…</p>`
        : nothing}
      <h2>Wachtrij (${entries.length})</h2>
      ${entries.length
        ? html`<ul part="queue" aria-label="Wachtende inwoners">
            ${entries.map((entry) => this.renderEntry(entry))}
          </ul>`
        : html`<p class="muted">Er wacht nu niemand.</p>`}`;
  }

  private renderEntry(entry: QueueEntry) {
    return html`<li>
      <span class="what">
        <strong>${entry.position}. ${entry.productName}</strong>
        <span class="muted">· ${waitedFor(entry.createdAt)}${entry.audioOnly ? ' · alleen geluid' : ''}</span>
      </span>
      <button aria-label=${`Toelaten: nummer ${entry.position}, ${entry.productName}`} @click=${() => this.admit(entry)}>
        Toelaten
      </button>
    </li>`;
  }
}

if (!customElements.get('balie-medewerker')) customElements.define('balie-medewerker', BalieMedewerker);

declare global {
  interface HTMLElementTagNameMap {
    'balie-medewerker': BalieMedewerker;
  }
}
