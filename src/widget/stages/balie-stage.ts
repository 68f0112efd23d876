import { LitElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../digitale-balie.styles.js';
import { fill, resolveLang, type TextOverrides } from '../i18n/localize.js';
import type { Lang } from '../i18n/messages.js';
import { stageExportParts } from './stage-parts.js';

/**
 * What every stage element shares: its language, the config's text overrides for it, and `t()`
 * that prefers an override over the built-in text. Stages take their data as properties, so each
 * can be rendered and tested alone; their host makes the API calls. Each forwards its parts, so
 * the page's `digitale-balie::part(…)` rules reach into it.
 */
export abstract class BalieStage<K extends string> extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  /** Language of the texts (`nl`, `en`, `fr`). */
  @property({ reflect: true }) override lang = '';

  /** The config's text overrides for this language, by message key. */
  @property({ attribute: false }) texts: TextOverrides = {};

  /** The stage's built-in texts per language. */
  protected abstract readonly catalogs: Record<Lang, Record<K, string>>;

  override connectedCallback(): void {
    super.connectedCallback();
    // Forwarded by the stage itself rather than at each place that renders one: a stage element
    // cannot be rendered without it, and the list stays in the lazy chunks, out of the first script.
    if (!this.hasAttribute('exportparts')) this.setAttribute('exportparts', stageExportParts);
  }

  protected get language(): Lang {
    return resolveLang(this.lang);
  }

  protected t(key: K, params?: Record<string, string | number>): string {
    return fill(this.texts[key] ?? this.catalogs[this.language][key], params);
  }

  /** Moves focus to the stage's heading, so a screen reader user hears where they are. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('[data-stage-heading]')?.focus();
  }
}
