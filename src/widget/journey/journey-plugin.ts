import type { TemplateResult } from 'lit';
import type { ErrorCode } from '../../protocol/index.js';
import type { TextOverrides } from '../i18n/localize.js';
import type { Lang } from '../i18n/messages.js';
import type { JourneyContext } from './plan.js';
import type { OutcomeKey, Stage, StageEvent } from './stage-machine.js';

/** The parts of the journey in chunks of their own: the camera check and queue, and booking. */
export type JourneyPart = 'queue' | 'booking';

/** The citizen's identity session: in a partitioned HttpOnly cookie, or (`token`) in memory only. */
export interface IdentitySession {
  identified: boolean;
  /** Only where the browser kept no cookie; never in storage or a URL. */
  token?: string;
}

/**
 * What an effect and a plugin's rendering get from the journey: where it is, what the page and
 * the config say, and the ways it moves on. The journey controller is one.
 */
export interface Journey {
  readonly stage: Stage;
  readonly context: JourneyContext;
  readonly session: IdentitySession;
  readonly apiBase: URL;
  readonly language: Lang;
  readonly texts: TextOverrides;
  /** The page to come back to after the identity provider (`return-url`, else this page). */
  readonly pageUrl: string;
  /** The product of the journey: the page's, else the config's first. */
  readonly productId: string;
  /** Where the journey's events for the page (`balie-booked`, …) are fired: the element. */
  readonly host: EventTarget;
  dispatch(event: StageEvent): void;
  /** Shows the failure's text as the error stage and fires `balie-error`. */
  fail(error: unknown): void;
  /** Keeps (or, with `{ identified: false }`, forgets) the identity session. */
  keepSession(session: IdentitySession): void;
  /** Fetches a part of the journey (once); its effects then run for the current stage. */
  load(part: JourneyPart): Promise<unknown>;
  t(key: OutcomeKey, params?: Record<string, string | number>): string;
}

/** What to do on entering a stage: a request, a chunk to load, an event for the page. */
export type StageEffect<N extends Stage['name']> = (stage: Extract<Stage, { name: N }>, journey: Journey) => unknown;

/**
 * The table of "on entering stage X, do Y", by stage name. A rejected effect fails the journey
 * (the error stage, `balie-error`); an effect that may fail without that catches its own error.
 */
export type StageEffects = { [N in Stage['name']]?: StageEffect<N> };

/**
 * A part of the journey that arrives in a chunk of its own: its rows of the effect table, and
 * for the booking journey its reducer, rendering, texts and error texts. The controller runs a
 * plugin's row for the current stage as soon as the plugin arrives.
 */
export interface JourneyPlugin {
  effects: StageEffects;
  /** The whole journey's reducer (it falls back to the first script's `nextStage`). */
  reduce?: (stage: Stage, event: StageEvent, context: JourneyContext) => Stage;
  /** Renders the stages only this plugin has elements for; `undefined` for any other stage. */
  render?: (stage: Stage, journey: Journey) => TemplateResult | undefined;
  /** Texts of its outcomes, per language. */
  messages?: Record<Lang, Record<string, string>>;
  /** Its error codes' texts. */
  errors?: Partial<Record<ErrorCode | 'network', OutcomeKey>>;
}

/** Runs `tables`' rows for `stage`, each failure to `journey.fail`. Returns when all are done. */
export function runEffects(tables: StageEffects[], stage: Stage, journey: Journey): Promise<unknown> {
  return Promise.all(
    tables.map((table) => {
      const effect = table[stage.name] as StageEffect<Stage['name']> | undefined;
      return Promise.resolve()
        .then(() => effect?.(stage, journey))
        .catch((error: unknown) => journey.fail(error));
    }),
  );
}
