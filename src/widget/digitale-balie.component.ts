import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CallGrant, CallTokenResponse, CreateTicketResponse, EndReason } from '../protocol/index.js';
import { BalieApiError, bearer, requestJson } from './api-client.js';
import { ConfigController, type ConfigState } from './config-controller.js';
import { baseStyles } from './digitale-balie.styles.js';
import { emit } from './events/emit.js';
import type { MessageKey } from './i18n/messages.js';
import { resolveLang, translate } from './i18n/localize.js';
import { initialStage, nextStage, type Stage, type StageEvent } from './stage-machine.js';
import type { BalieCallDisconnectedEvent } from '../call/events/balie-call-disconnected.js';
import './events/balie-call-ended.js';
import './events/balie-call-started.js';
import './events/balie-error.js';

const errorMessages: Partial<Record<BalieApiError['code'], MessageKey>> = {
  network: 'networkError',
  product_unknown: 'productUnknown',
  ticket_unknown: 'ticketUnknown',
  ticket_expired: 'ticketExpired',
  ticket_ended: 'ticketEnded',
};

/**
 * A video counter for one municipal product page: the citizen clicks "Videobellen", checks
 * camera and microphone, waits, and talks to an employee — all inside this element.
 *
 * @summary Embeddable video counter: launcher, prejoin, waiting room and call.
 *
 * @attr config-url - URL of the municipality's JSON config (served by the balie server).
 * @attr product - Id of the product from the config this page is about, e.g. `paspoort`.
 * @attr lang - Language of the widget (`nl`, `en`); defaults to the page's `<html lang>`, then `nl`.
 *
 * @fires balie-call-started - The call started. Detail: `{}`.
 * @fires balie-call-ended - The wait or call ended. Detail: `{ reason: 'left' | 'ended-by-employee' | 'expired' | 'disconnected' }`.
 * @fires balie-error - Something failed. Detail: `{ code: string, message: string }` (English, for logs).
 *
 * @csspart stage - The box around the current stage.
 * @csspart heading - The heading of the current stage.
 * @csspart button - Every button of the widget's own stages.
 * @csspart launcher-button - The "Videobellen" button.
 * @csspart message - Status and error texts.
 *
 * @cssprop [--digitale-balie-primary-color=var(--nl-button-primary-action-background-color, #154273)] - Buttons and accents.
 * @cssprop [--digitale-balie-on-primary-color=var(--nl-button-primary-action-color, #ffffff)] - Text on primary buttons.
 * @cssprop [--digitale-balie-text-color=var(--nl-document-color, #1a1a1a)] - Body text.
 * @cssprop [--digitale-balie-surface-color=var(--nl-document-background-color, #ffffff)] - Background.
 * @cssprop [--digitale-balie-error-color=#a4001c] - Error texts.
 * @cssprop [--digitale-balie-border-radius=6px] - Corner radius of buttons and boxes.
 * @cssprop [--digitale-balie-font-family=var(--nl-document-font-family, system-ui, sans-serif)] - Typeface.
 * @cssprop [--digitale-balie-font-size=1.125rem] - Base text size.
 */
export class DigitaleBalie extends LitElement {
  static override styles = baseStyles;

  /** URL of the municipality's JSON config. */
  @property({ attribute: 'config-url', reflect: true }) configUrl: string | null = null;

  /** Id of the product this page is about. */
  @property({ reflect: true }) product: string | null = null;

  /** Language; falls back to the page's `<html lang>`, then Dutch. */
  @property({ reflect: true }) override lang = '';

  @state() private stage: Stage = initialStage;

  private readonly config = new ConfigController(this, (state) => this.onConfig(state));
  private apiError?: BalieApiError;

  private get language() {
    return resolveLang(this.lang, document.documentElement.lang);
  }

  private t(key: MessageKey, params?: Record<string, string | number>) {
    return translate(this.language, key, params);
  }

  private dispatch(event: StageEvent): void {
    this.stage = nextStage(this.stage, event);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('configUrl')) void this.config.load(this.configUrl);
    if (changed.has('product') && changed.get('product') !== undefined && this.config.state.status === 'ready') {
      this.onConfig(this.config.state);
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Focus follows the journey: a screen reader user hears the new stage's heading first.
    if (changed.has('stage') && changed.get('stage') !== undefined) void this.focusHeading();
  }

  private async focusHeading(): Promise<void> {
    const own = this.renderRoot.querySelector<HTMLElement>('[data-stage-heading]');
    if (own) return own.focus();
    // Stage elements come from a lazy chunk: wait until they are defined and rendered.
    const child = this.renderRoot.querySelector<LitElement>('balie-prejoin, balie-waiting-room');
    if (!child) return;
    await customElements.whenDefined(child.localName);
    await child.updateComplete;
    child.shadowRoot?.querySelector<HTMLElement>('[data-stage-heading]')?.focus();
  }

  private onConfig(state: ConfigState): void {
    if (state.status === 'loading') return this.dispatch({ type: 'config-loading' });
    if (state.status === 'error') {
      emit(this, 'balie-error', { code: 'config', message: state.problem });
      return this.dispatch({ type: 'config-failed' });
    }
    if (state.status !== 'ready') return;
    this.dispatch({ type: 'config-loaded', config: state.config, product: this.product });
    if (this.stage.name === 'error' && this.stage.message === 'productUnknown') {
      const ids = state.config.products.map((p) => p.id).join(', ');
      const problem = `product "${this.product}" is not in the config at ${state.url}; known products: ${ids}`;
      console.error(`[digitale-balie] ${problem}`);
      emit(this, 'balie-error', { code: 'product_unknown', message: problem });
    }
  }

  private get apiBase(): URL {
    if (this.config.state.status !== 'ready') throw new Error('[digitale-balie] config not loaded');
    return this.config.state.apiBase;
  }

  private get productId(): string {
    if (this.config.state.status !== 'ready') return this.product ?? '';
    return this.product ?? this.config.state.config.products[0].id;
  }

  private fail(error: unknown): void {
    const apiError = error instanceof BalieApiError ? error : new BalieApiError('internal', String(error));
    this.apiError = apiError;
    emit(this, 'balie-error', { code: apiError.code, message: apiError.message });
    this.dispatch({ type: 'failed', message: errorMessages[apiError.code] ?? 'genericError' });
  }

  private start = () => {
    this.dispatch({ type: 'start' });
    // Loaded on demand: a page view that never calls pays only for the launcher.
    import('./stages/index.js').catch((error) => this.fail(error));
  };

  private onPrejoinDone = async (event: CustomEvent<{ audioOnly: boolean }>) => {
    try {
      const { secret } = await requestJson<CreateTicketResponse>(new URL('tickets', this.apiBase), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ product: this.productId, audioOnly: event.detail.audioOnly }),
      });
      this.dispatch({ type: 'ticket-created', secret, audioOnly: event.detail.audioOnly });
      // Fetch the call while the citizen waits, so admission goes straight to joining.
      import('../call/balie-call.js').catch((error: Error) => console.warn(`[digitale-balie] preloading the call: ${error.message}`));
    } catch (error) {
      this.fail(error);
    }
  };

  private onAdmitted = async () => {
    if (this.stage.name !== 'waiting') return;
    const callChunk = import('../call/balie-call.js');
    try {
      const { call } = await requestJson<CallTokenResponse>(new URL('tickets/current/call-token', this.apiBase), {
        method: 'POST',
        headers: bearer(this.stage.secret),
      });
      await callChunk;
      this.startCall(call);
    } catch (error) {
      this.fail(error);
    }
  };

  private startCall(grant: CallGrant): void {
    this.dispatch({ type: 'call-granted', grant });
    emit(this, 'balie-call-started', {});
  }

  private onTicketEnded = (event: CustomEvent<{ reason: EndReason }>) => {
    this.dispatch({ type: 'ticket-ended', reason: event.detail.reason });
    emit(this, 'balie-call-ended', { reason: event.detail.reason });
  };

  private onTicketError = (event: CustomEvent<{ error: BalieApiError }>) => this.fail(event.detail.error);

  /** The citizen leaves the queue or hangs up: tell the server first, so the employee sees it. */
  private leave = async (byMe: 'queue' | 'call') => {
    if (this.stage.name !== 'waiting' && this.stage.name !== 'call') return;
    const secret = this.stage.secret;
    try {
      await requestJson(new URL('tickets/current/leave', this.apiBase), { method: 'POST', headers: bearer(secret) });
    } catch (error) {
      // The citizen still leaves; the server's sweep ends the ticket if this request was lost.
      console.warn(`[digitale-balie] leaving: ${(error as Error).message}`);
    }
    if (byMe === 'queue') this.dispatch({ type: 'ticket-ended', reason: 'left' });
    else this.dispatch({ type: 'call-ended', byMe: true });
    emit(this, 'balie-call-ended', { reason: 'left' });
  };

  private onCallDisconnected = (event: BalieCallDisconnectedEvent) => {
    event.stopPropagation();
    const { reason } = event.detail;
    if (reason === 'connection-lost') {
      // The ticket is still admitted on the server: the waiting room sees that and rejoins.
      this.dispatch({ type: 'call-lost' });
      return;
    }
    this.dispatch(reason === 'replaced' ? { type: 'call-replaced' } : { type: 'call-ended', byMe: false });
    emit(this, 'balie-call-ended', { reason: reason === 'room-closed' ? 'ended-by-employee' : 'disconnected' });
  };

  override render() {
    return html`<div part="stage" class="stage">${this.renderStage()}</div>`;
  }

  private renderStage() {
    const stage = this.stage;
    switch (stage.name) {
      case 'loading':
        return html`<p part="message" role="status">${this.t('loading')}</p>`;
      case 'config-error':
        return html`<p part="message" class="error" role="alert">${this.t('configError')}</p>`;
      case 'launcher':
        return this.renderLauncher();
      case 'prejoin':
        return html`<balie-prejoin
          lang=${this.language}
          @balie-prejoin-done=${this.onPrejoinDone}
          @balie-prejoin-cancel=${() => this.dispatch({ type: 'cancel' })}
        ></balie-prejoin>`;
      case 'waiting':
        return html`<balie-waiting-room
          lang=${this.language}
          .apiBase=${this.apiBase.href}
          .secret=${stage.secret}
          @balie-admitted=${this.onAdmitted}
          @balie-ticket-ended=${this.onTicketEnded}
          @balie-ticket-error=${this.onTicketError}
          @balie-leave-request=${() => this.leave('queue')}
        ></balie-waiting-room>`;
      case 'call':
        return html`<balie-call
          lang=${this.language}
          .grant=${stage.grant}
          .audioOnly=${stage.audioOnly}
          .allowedLinkDomains=${this.config.state.status === 'ready' ? (this.config.state.config.chat?.allowedLinkDomains ?? []) : []}
          @balie-call-leave=${() => this.leave('call')}
          @balie-call-disconnected=${this.onCallDisconnected}
        ></balie-call>`;
      case 'ended':
        return html`${this.renderOutcome('ended', stage.message)}
          ${stage.feedbackSecret
            ? html`<balie-feedback lang=${this.language} .apiBase=${this.apiBase.href} .secret=${stage.feedbackSecret}></balie-feedback>`
            : nothing}`;
      case 'error':
        return this.renderOutcome('error', stage.message);
    }
  }

  private renderLauncher() {
    const municipality = this.config.state.status === 'ready' ? this.config.state.config.municipality.name : '';
    return html`<p part="message">${this.t('launcherIntro', { municipality })}</p>
      <button part="button launcher-button" @click=${this.start}>${this.t('launcherButton')}</button>`;
  }

  private renderOutcome(kind: 'ended' | 'error', message: MessageKey) {
    const heading = kind === 'ended' ? this.t('endedHeading') : this.t('genericError');
    return html`<h2 part="heading" tabindex="-1" data-stage-heading>${heading}</h2>
      <p part="message" class=${kind === 'error' ? 'error' : ''} role=${kind === 'error' ? 'alert' : 'status'}>
        ${this.t(message)}
      </p>
      ${message === 'productUnknown'
        ? nothing
        : html`<button part="button" @click=${this.start}>${this.t('startAgain')}</button>`}`;
  }

  /** The last API failure, for a web team's debugging in the console (never shown to the citizen). */
  get lastError(): BalieApiError | undefined {
    return this.apiError;
  }
}
