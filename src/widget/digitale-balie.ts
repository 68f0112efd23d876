import { DigitaleBalie } from './digitale-balie.component.js';

export { DigitaleBalie };
export type { BalieCallStartedEvent } from './events/balie-call-started.js';
export type { BalieCallEndedEvent } from './events/balie-call-ended.js';
export type { BalieErrorEvent } from './events/balie-error.js';

// A page may load the script twice (two embeds, a CMS block copied); defining twice would throw.
if (!customElements.get('digitale-balie')) customElements.define('digitale-balie', DigitaleBalie);

declare global {
  interface HTMLElementTagNameMap {
    'digitale-balie': DigitaleBalie;
  }
}
