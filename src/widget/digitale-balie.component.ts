import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CallGrant, CallTokenResponse, CreateTicketResponse, EndReason, QueueStatusResponse, SlotsResponse } from '../protocol/index.js';
import { BalieApiError, bearer, post, requestJson } from './api-client.js';
import { callsNowStraightAway, modeAttribute, type JourneyContext } from './journey/plan.js';
import { currentPageUrl, takeReturnFragment, type ReturnFragment } from './journey/return-fragment.js';
import { ConfigController, type ConfigState } from './config-controller.js';
import { baseStyles } from './digitale-balie.styles.js';
import { emit } from './events/emit.js';
import type { MessageKey } from './i18n/messages.js';
import { hasCatalog, loadTranslations, resolveLang, translate } from './i18n/localize.js';
import { loadingTexts } from './i18n/messages.js';
import { initialStage, nextStage, type OutcomeKey, type Stage, type StageEvent } from './stage-machine.js';
import type { BalieCallDisconnectedEvent } from '../call/events/balie-call-disconnected.js';
import './events/balie-call-ended.js';
import './events/balie-call-started.js';
import './events/balie-error.js';
import './events/balie-booked.js';
import './events/balie-booking-cancelled.js';
import './events/balie-identified.js';

type BookingChunk = typeof import('./stages/booking/index.js');

/** Error codes of the first script's requests; the booking chunk brings the texts of its own. */
const errorMessages: Partial<Record<BalieApiError['code'], MessageKey>> = {
  network: 'networkError',
  product_unknown: 'productUnknown',
  ticket_unknown: 'ticketUnknown',
  ticket_expired: 'ticketExpired',
  ticket_ended: 'ticketEnded',
  // The server is there but its database is not: "the video counter is not working right now".
  unavailable: 'configError',
};


/**
 * A video counter for one municipal product page: the citizen books a video appointment or calls
 * now, proves who they are with DigiD when the product needs it, checks camera and microphone,
 * waits, and talks to an employee — all inside this element.
 *
 * @summary Embeddable video counter: booking, DigiD, prejoin, waiting room and call.
 *
 * @attr config-url - URL of the municipality's JSON config (served by the balie server).
 * @attr product - Id of the product from the config this page is about, e.g. `paspoort`. Absent: the citizen chooses.
 * @attr lang - Language of the widget (`nl`, `en`, `fr`); defaults to the page's `<html lang>`, then `nl`.
 * @attr mode - `afspraak` (book a time), `direct` (call now) or `beide` (default), limited by the product's `modes`.
 * @attr return-url - The page the identity provider sends the citizen back to. Default: this page without its fragment.
 *
 * @fires balie-booked - An appointment was booked or moved. Detail: `{ bookingId: string, product: string, start: string }`.
 * @fires balie-identified - The citizen came back from DigiD identified. Detail: `{ provider: string, levelOfAssurance: string }` (never a name or BSN).
 * @fires balie-booking-cancelled - The citizen cancelled their appointment. Detail: `{ bookingId: string, product: string }`.
 * @fires balie-call-started - The call started. Detail: `{}`.
 * @fires balie-call-ended - The wait or call ended. Detail: `{ reason: 'left' | 'ended-by-employee' | 'expired' | 'disconnected' }`.
 * @fires balie-error - Something failed. Detail: `{ code: string, message: string }` (English, for logs).
 *
 * @csspart stage - The box around the current stage.
 * @csspart heading - The heading of the current stage.
 * @csspart button - Every button of the widget's own stages.
 * @csspart launcher-button - The "Videobellen" button.
 * @csspart message - Status and error texts.
 * @csspart choice-button - The big choice buttons (product, "Afspraak maken", "Nu videobellen", identity providers). In the stage elements.
 * @csspart day-nav - The slot picker's row with the day and previous/next day buttons. In `<balie-slot-picker>`.
 * @csspart day-button - The previous and next day buttons. In `<balie-slot-picker>`.
 * @csspart slot-button - One button per free time ("09:30"). In `<balie-slot-picker>`.
 * @csspart field - A label, input and error of the details form. In `<balie-details-form>`.
 * @csspart input - A text input of the details form. In `<balie-details-form>`.
 * @csspart error - The error under a field. In `<balie-details-form>`.
 * @csspart consent - The consent text and checkbox. In `<balie-details-form>`.
 * @csspart calendar-button - The "Zet in mijn agenda" button. In `<balie-confirmation>`.
 *
 * @cssprop [--digitale-balie-primary-color=var(--nl-button-primary-action-background-color, #154273)] - Buttons and accents.
 * @cssprop [--digitale-balie-on-primary-color=var(--nl-button-primary-action-color, #ffffff)] - Text on primary buttons.
 * @cssprop [--digitale-balie-text-color=var(--nl-document-color, #1a1a1a)] - Body text, input borders.
 * @cssprop [--digitale-balie-surface-color=var(--nl-document-background-color, #ffffff)] - Background of the widget and inputs.
 * @cssprop [--digitale-balie-error-color=#a4001c] - Error texts and invalid inputs.
 * @cssprop [--digitale-balie-border-radius=6px] - Corner radius of buttons, inputs and boxes.
 * @cssprop [--digitale-balie-font-family=var(--nl-document-font-family, system-ui, sans-serif)] - Typeface.
 * @cssprop [--digitale-balie-font-size=1.125rem] - Base text size.
 * @cssprop [--nl-button-primary-action-background-color=#154273] - NL Design System token, used when the widget's own is not set; config `theme` tokens land here too.
 * @cssprop [--nl-button-primary-action-color=#ffffff] - NL Design System token for text on primary buttons.
 * @cssprop [--nl-document-color=#1a1a1a] - NL Design System token for body text.
 * @cssprop [--nl-document-background-color=#ffffff] - NL Design System token for the background.
 * @cssprop [--nl-document-font-family=system-ui, sans-serif] - NL Design System token for the typeface.
 */
export class DigitaleBalie extends LitElement {
  static override styles = baseStyles;

  /** URL of the municipality's JSON config. */
  @property({ attribute: 'config-url', reflect: true }) configUrl: string | null = null;

  /** Id of the product this page is about. */
  @property({ reflect: true }) product: string | null = null;

  /** Language; falls back to the page's `<html lang>`, then Dutch. */
  @property({ reflect: true }) override lang = '';

  /** `afspraak`, `direct` or `beide` (default). */
  @property({ reflect: true }) mode: string | null = null;

  /** The page to come back to after DigiD. Default: the current page without its fragment. */
  @property({ attribute: 'return-url', reflect: true }) returnUrl: string | null = null;

  @state() private stage: Stage = initialStage;
  /** @internal What the current stage shows that the server said: queue status, free slots. */
  @state() queue?: QueueStatusResponse;
  /** @internal */
  @state() slots?: SlotsResponse;
  /** @internal The page is on its way to the identity provider. */
  @state() leaving = false;
  /** The English or French texts could not be fetched: the widget speaks Dutch rather than nothing. */
  @state() private translationsFailed = false;

  private readonly config = new ConfigController(this, (state) => this.onConfig(state));
  private apiError?: BalieApiError;
  /** @internal Logged in with DigiD: the session is in a partitioned HttpOnly cookie, or in `identitySession`. */
  identified = false;
  /** @internal The identity session where the browser kept no cookie: in memory only, never in storage or a URL. */
  identitySession?: string;
  /** A DigiD return or manage link taken from the URL, handled once the config is there. */
  private pendingReturn?: ReturnFragment;
  private appliedTheme: string[] = [];
  /** The booking chunk, once loaded: its stage elements, their rendering, reducer and API calls. */
  @state() private bookingChunk?: BookingChunk;

  /** Loads the booking chunk (once; the browser caches the module), then runs `then` with it. */
  private withBooking(then: (chunk: BookingChunk) => unknown): void {
    this.loadChunk(import('./stages/booking/index.js').then((chunk) => then((this.bookingChunk = chunk))));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.pendingReturn ??= takeReturnFragment();
    addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHashChange);
  }

  /**
   * A manage link pasted into the tab that already shows this page changes only the fragment:
   * no reload, so nothing else would read it. Taken only at the launcher, never from a citizen
   * who is mid-way (their journey is not thrown away by a link).
   */
  private readonly onHashChange = (): void => {
    if (this.stage.name !== 'launcher') return;
    const from = takeReturnFragment();
    if (from) this.resume(from);
  };

  /** @internal */
  get language() {
    return resolveLang(this.lang, document.documentElement.lang);
  }

  /** @internal */
  get texts() {
    return (this.config.state.status === 'ready' && this.config.state.config.texts?.[this.language]) || {};
  }

  /** @internal */
  t(key: OutcomeKey, params?: Record<string, string | number>) {
    return translate(this.language, key, params, this.texts, this.bookingChunk?.bookingCatalogs[this.language]);
  }

  /** @internal */
  get context(): JourneyContext {
    return {
      config: this.config.state.status === 'ready' ? this.config.state.config : null,
      product: this.product,
      mode: modeAttribute(this.mode),
      identified: this.identified,
    };
  }

  /** @internal The booking chunk's reducer knows the whole journey; until it is here, the launcher's part. */
  dispatch(event: StageEvent): void {
    this.stage = (this.bookingChunk?.nextJourneyStage ?? nextStage)(this.stage, event, this.context);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!hasCatalog(this.language) && !this.translationsFailed) this.loadTexts();
    if (changed.has('configUrl')) void this.config.load(this.configUrl);
    if (changed.has('product') && changed.get('product') !== undefined && this.config.state.status === 'ready') {
      this.onConfig(this.config.state);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('stage') || changed.get('stage') === undefined) return;
    // Focus follows the journey: a screen reader user hears the new stage's heading first.
    const before = changed.get('stage') as Stage;
    if (before.name !== this.stage.name) void this.focusHeading();
    void this.enterStage(this.stage);
  }

  private async focusHeading(): Promise<void> {
    const own = this.renderRoot.querySelector<HTMLElement>('[data-stage-heading]');
    if (own) return own.focus();
    // Stage elements come from lazy chunks: wait until they are defined and rendered.
    const child = this.renderRoot.querySelector<LitElement>('.stage > :not(p, h2, button)');
    if (!child?.localName.includes('-')) return;
    await customElements.whenDefined(child.localName);
    await child.updateComplete;
    child.shadowRoot?.querySelector<HTMLElement>('[data-stage-heading]')?.focus();
  }

  /** What the server must be asked when a stage begins. */
  private enterStage(stage: Stage): void {
    if (stage.name === 'prejoin') this.loadChunk(import('./stages/index.js'));
    // Only the booking chunk's reducer leads to its stages, so it is here when one begins.
    void this.bookingChunk?.enterBookingStage(this, stage);
  }

  /** English or French: fetched alongside the config, so the launcher appears in that language at once. */
  private loadTexts(): void {
    loadTranslations().then(
      () => this.requestUpdate(),
      (error: Error) => {
        const message = `[digitale-balie] loading the ${this.language} texts: ${error.message}; showing Dutch`;
        console.warn(message);
        emit(this, 'balie-error', { code: 'network', message });
        this.translationsFailed = true;
      },
    );
  }

  private loadChunk(chunk: Promise<unknown>): void {
    chunk.catch((error: Error) => this.fail(new BalieApiError('network', `loading a part of the widget: ${error.message}`)));
  }

  private onConfig(state: ConfigState): void {
    if (state.status === 'loading') return this.dispatch({ type: 'config-loading' });
    if (state.status === 'error') {
      emit(this, 'balie-error', { code: 'config', message: state.problem });
      return this.dispatch({ type: 'config-failed' });
    }
    if (state.status !== 'ready') return;
    this.applyTheme(state.config.theme ?? {});
    const texts = state.config.texts;
    if (texts) import('./journey/check-text-keys.js').then((m) => m.warnUnknownTextKeys(texts, state.url), (e: Error) => console.warn(`[digitale-balie] ${e.message}`));
    this.dispatch({ type: 'config-loaded', config: state.config, product: this.product });
    if (this.stage.name === 'error' && this.stage.message === 'productUnknown') {
      const ids = state.config.products.map((p) => p.id).join(', ');
      const problem = `product "${this.product}" is not in the config at ${state.url}; known products: ${ids}`;
      console.error(`[digitale-balie] ${problem}`);
      emit(this, 'balie-error', { code: 'product_unknown', message: problem });
    }
    if (this.pendingReturn && this.stage.name === 'launcher') void this.resume(this.pendingReturn);
    this.pendingReturn = undefined;
  }

  /** Theme tokens as custom properties on the host: CSSOM, which a strict CSP allows. */
  private applyTheme(theme: Record<string, string>): void {
    for (const name of this.appliedTheme) this.style.removeProperty(name);
    this.appliedTheme = Object.keys(theme);
    for (const [name, value] of Object.entries(theme)) this.style.setProperty(name, value);
  }

  /** Continues after the redirect back from the provider, or opens the appointment of a manage link. */
  private resume(from: ReturnFragment): void {
    this.dispatch({ type: 'resume-started' });
    this.withBooking((chunk) => chunk.resume(this, from));
  }

  /** @internal */
  get apiBase(): URL {
    if (this.config.state.status !== 'ready') throw new Error('[digitale-balie] config not loaded');
    return this.config.state.apiBase;
  }

  /** @internal */
  get productId(): string {
    if (this.config.state.status !== 'ready') return this.product ?? '';
    return this.product ?? this.config.state.config.products[0].id;
  }

  /** @internal */
  fail(error: unknown): void {
    const apiError = error instanceof BalieApiError ? error : new BalieApiError('internal', String(error));
    this.apiError = apiError;
    emit(this, 'balie-error', { code: apiError.code, message: apiError.message });
    this.dispatch({ type: 'failed', message: errorMessages[apiError.code] ?? this.bookingChunk?.bookingErrors[apiError.code] ?? (apiError.code === 'network' ? 'networkError' : 'genericError') });
  }

  private start = () => {
    // Loaded on demand: a page view that never calls pays only for the launcher.
    this.loadChunk(import('./stages/index.js'));
    // Calling now without a login needs nothing more; any other journey waits for the booking chunk.
    const needsBooking = !this.bookingChunk && !callsNowStraightAway(this.context);
    this.dispatch({ type: 'start' });
    if (needsBooking) this.withBooking(() => this.dispatch({ type: 'start' }));
  };

  /** @internal */
  get pageUrl(): string {
    return this.returnUrl ?? currentPageUrl();
  }

  private onPrejoinDone = async (event: CustomEvent<{ audioOnly: boolean }>) => {
    const { audioOnly } = event.detail;
    const { joinSecret, product = this.productId } = this.stage.name === 'prejoin' ? this.stage : {};
    // A booked appointment enters with its manage secret; calling now with the identity session, if any.
    const auth = joinSecret ?? this.identitySession;
    try {
      // Calling now sends the identity session's cookie too (credentials), if there is one.
      const { secret } = await requestJson<CreateTicketResponse>(
        new URL(joinSecret ? 'bookings/current/ticket' : 'tickets', this.apiBase),
        { ...post(joinSecret ? { audioOnly } : { product, audioOnly }, auth ? bearer(auth) : {}), credentials: joinSecret ? 'same-origin' : 'include' },
      );
      this.dispatch({ type: 'ticket-created', secret, audioOnly });
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
    // Until the language's texts are here, its own loading text: never Dutch to an English reader.
    const ready = hasCatalog(this.language) || this.translationsFailed;
    return html`<div part="stage" class="stage">
      ${ready ? this.renderStage() : html`<p part="message" role="status">${loadingTexts[this.language]}</p>`}
    </div>`;
  }

  private renderStage() {
    const stage = this.stage;
    switch (stage.name) {
      case 'loading':
      case 'resuming':
      case 'starting':
        return html`<p part="message" role="status">${this.t('loading')}</p>`;
      case 'config-error':
        return html`<p part="message" class="error" role="alert">${this.t('configError')}</p>`;
      case 'launcher':
        return this.renderLauncher();
      case 'prejoin':
        return html`<balie-prejoin
          lang=${this.language}
          .texts=${this.texts}
          @balie-prejoin-done=${this.onPrejoinDone}
          @balie-prejoin-cancel=${() => this.dispatch({ type: 'cancel' })}
        ></balie-prejoin>`;
      case 'waiting':
        return html`<balie-waiting-room
          lang=${this.language}
          .texts=${this.texts}
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
            ? html`<balie-feedback lang=${this.language} .texts=${this.texts} .apiBase=${this.apiBase.href} .secret=${stage.feedbackSecret}></balie-feedback>`
            : nothing}`;
      case 'error':
        return this.renderOutcome('error', stage.message);
      default:
        if (!this.bookingChunk) return html`<p part="message" role="status">${this.t('loading')}</p>`;
        return this.bookingChunk.renderBookingStage(this, stage);
    }
  }

  private renderLauncher() {
    const municipality = this.config.state.status === 'ready' ? this.config.state.config.municipality.name : '';
    return html`<p part="message">${this.t('launcherIntro', { municipality })}</p>
      <button part="button launcher-button" @click=${this.start}>${this.t('launcherButton')}</button>`;
  }

  private renderOutcome(kind: 'ended' | 'error', message: OutcomeKey) {
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
