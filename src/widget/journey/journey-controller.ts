import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { BalieApiError } from '../api-client.js';
import type { ConfigController, ConfigState } from '../config-controller.js';
import { emit } from '../events/emit.js';
import { translate, type TextOverrides } from '../i18n/localize.js';
import type { Lang, MessageKey } from '../i18n/messages.js';
import { runEffects, type IdentitySession, type Journey, type JourneyPart, type JourneyPlugin, type StageEffects } from './journey-plugin.js';
import { modeAttribute, type JourneyContext } from './plan.js';
import { takeReturnFragment, type ReturnFragment } from './return-fragment.js';
import { initialStage, nextStage, type OutcomeKey, type Stage, type StageEvent } from './stage-machine.js';

/** What the journey reads from its element: the page's attributes and the language. */
export interface JourneyHost extends ReactiveControllerHost, HTMLElement {
  readonly product: string | null;
  readonly mode: string | null;
  readonly language: Lang;
  readonly texts: TextOverrides;
  readonly pageUrl: string;
}

/** Error codes of the first script's requests; the booking plugin brings the texts of its own. */
const errorMessages: Partial<Record<BalieApiError['code'], MessageKey>> = {
  network: 'networkError',
  product_unknown: 'productUnknown',
  ticket_unknown: 'ticketUnknown',
  ticket_expired: 'ticketExpired',
  ticket_ended: 'ticketEnded',
  // The server is there but its database is not: "the video counter is not working right now".
  unavailable: 'configError',
};

// Loaded on demand: a page view that never calls pays only for the launcher, and one that only
// calls now never fetches the booking chunk.
const plugins: Record<JourneyPart, () => Promise<JourneyPlugin>> = {
  queue: () => import('../stages/index.js').then((chunk) => chunk.queuePlugin),
  booking: () => import('../stages/booking/index.js').then((chunk) => chunk.bookingPlugin),
};

/**
 * The first script's rows of the effect table: a stage whose work is in a chunk loads it, and
 * the chunk's own rows (see `JourneyPlugin`) then run for the stage the journey is in.
 */
export const firstScriptEffects: StageEffects = {
  starting: (_, journey) => journey.load('booking'),
  resuming: (_, journey) => journey.load('booking'),
  prejoin: (_, journey) => journey.load('queue'),
};

/**
 * The citizen's journey in `<digitale-balie>`: the current stage, `dispatch`, and the effects of
 * entering a stage, run after the element rendered it. The booking journey and the queue arrive
 * as plugins in their own chunks; the element only renders the stage. Also takes a DigiD return
 * or a manage link from the page's URL (on connecting, and when only the fragment changes).
 */
export class JourneyController implements ReactiveController, Journey {
  stage: Stage = initialStage;
  session: IdentitySession = { identified: false };
  /** The last API failure, for a web team's debugging (never shown to the citizen). */
  lastError?: BalieApiError;
  /** The booking plugin, once here: its reducer knows the whole journey. */
  booking?: JourneyPlugin;
  private readonly used: JourneyPlugin[] = [];
  private readonly loading = new Map<JourneyPart, Promise<unknown>>();
  /** The stage whose effects last ran: a new stage object is entered once, after it rendered. */
  private entered = initialStage;
  /** A DigiD return or manage link taken from the URL, handled once the config is there. */
  private pendingReturn?: ReturnFragment;

  constructor(
    readonly host: JourneyHost,
    private readonly config: ConfigController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.pendingReturn ??= takeReturnFragment();
    addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.onHashChange);
  }

  hostUpdated(): void {
    if (this.entered === this.stage) return;
    this.entered = this.stage;
    void runEffects([firstScriptEffects, ...this.used.map((plugin) => plugin.effects)], this.stage, this);
  }

  /**
   * A manage link pasted into the tab that already shows this page changes only the fragment:
   * no reload, so nothing else would read it. Taken only at the launcher, never from a citizen
   * who is mid-way (their journey is not thrown away by a link).
   */
  private readonly onHashChange = (): void => {
    if (this.stage.name !== 'launcher') return;
    const from = takeReturnFragment();
    if (!from) return;
    // The launcher shows before the config is here: then the link waits for it, as one in the first URL does.
    if (this.configState) return this.dispatch({ type: 'resume-started', from });
    this.pendingReturn = from;
    this.host.requestUpdate();
  };

  /** A DigiD return or manage link waits for the config: no launcher to show meanwhile. */
  get returning(): boolean {
    return !!this.pendingReturn;
  }

  get context(): JourneyContext {
    const { host } = this;
    return { config: this.configState?.config ?? null, product: host.product, mode: modeAttribute(host.mode), identified: this.session.identified };
  }

  private get configState() {
    const state = this.config.state;
    return state.status === 'ready' ? state : undefined;
  }

  get apiBase(): URL {
    const state = this.configState;
    if (!state) throw new Error('[digitale-balie] config not loaded');
    return state.apiBase;
  }

  get productId(): string {
    return this.host.product ?? this.configState?.config.products[0].id ?? '';
  }

  get language(): Lang {
    return this.host.language;
  }

  get texts(): TextOverrides {
    return this.host.texts;
  }

  get pageUrl(): string {
    return this.host.pageUrl;
  }

  dispatch(event: StageEvent): void {
    const next = (this.booking?.reduce ?? nextStage)(this.stage, event, this.context);
    if (next === this.stage) return;
    this.stage = next;
    this.host.requestUpdate();
  }

  /** The launcher's button and "start again": also fetches the stages for the camera check meanwhile. */
  start(): void {
    void this.load('queue');
    this.dispatch({ type: 'start' });
  }

  /** The stage as the loaded plugin that has elements for it renders it; `undefined` before it is here. */
  render(stage: Stage): TemplateResult | undefined {
    for (const plugin of this.used) {
      const rendered = plugin.render?.(stage, this);
      if (rendered) return rendered;
    }
  }

  t(key: OutcomeKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params, this.texts, this.booking?.messages?.[this.language]);
  }

  keepSession(session: IdentitySession): void {
    this.session = session;
  }

  fail(error: unknown): void {
    const apiError = error instanceof BalieApiError ? error : new BalieApiError('internal', String(error));
    this.lastError = apiError;
    emit(this.host, 'balie-error', { code: apiError.code, message: apiError.message });
    const message = errorMessages[apiError.code] ?? this.booking?.errors?.[apiError.code];
    this.dispatch({ type: 'failed', message: message ?? (apiError.code === 'network' ? 'networkError' : 'genericError') });
  }

  /** Follows the config: loading, failed (with the reason for the web team), or there. */
  configChanged(state: ConfigState): void {
    if (state.status === 'loading') return this.dispatch({ type: 'config-loading' });
    if (state.status === 'error') {
      emit(this.host, 'balie-error', { code: 'config', message: state.problem });
      return this.dispatch({ type: 'config-failed' });
    }
    if (state.status !== 'ready') return;
    const { product } = this.host;
    this.dispatch({ type: 'config-loaded', config: state.config, product });
    if (this.stage.name === 'error' && this.stage.message === 'productUnknown') {
      const ids = state.config.products.map((p) => p.id).join(', ');
      const problem = `product "${product}" is not in the config at ${state.url}; known products: ${ids}`;
      console.error(`[digitale-balie] ${problem}`);
      emit(this.host, 'balie-error', { code: 'product_unknown', message: problem });
    }
    if (this.pendingReturn && this.stage.name === 'launcher') this.dispatch({ type: 'resume-started', from: this.pendingReturn });
    this.pendingReturn = undefined;
  }

  /**
   * Loads a plugin's chunk (once; the browser caches the module). On arrival its rows run for the
   * current stage if that was entered without it; a stage not yet entered gets them on entering.
   */
  load(name: JourneyPart): Promise<unknown> {
    let loading = this.loading.get(name);
    if (!loading) {
      loading = plugins[name]().then(
        (plugin) => {
          this.used.push(plugin);
          if (plugin.reduce) this.booking = plugin;
          this.host.requestUpdate();
          if (this.entered === this.stage) return runEffects([plugin.effects], this.stage, this);
        },
        (error: Error) => {
          this.loading.delete(name);
          this.fail(new BalieApiError('network', `loading a part of the widget: ${error.message}`));
        },
      );
      this.loading.set(name, loading);
    }
    return loading;
  }
}
