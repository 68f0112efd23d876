import type { BalieConfig } from '../../protocol/index.js';
import { nl as launcherTexts } from '../i18n/messages.js';
import { nl as stageTexts } from '../stages/stage-messages.js';
import { nl as bookingTexts } from '../stages/booking/booking-messages.js';

const known = new Set([...Object.keys(launcherTexts), ...Object.keys(stageTexts), ...Object.keys(bookingTexts)]);
const warned = new Set<string>();

/**
 * Warns once per unknown key in the config's `texts`: a misspelt key would otherwise silently
 * leave the built-in text in place. Its own chunk, loaded only for a config that has `texts`.
 */
export function warnUnknownTextKeys(texts: NonNullable<BalieConfig['texts']>, configUrl: string): void {
  for (const [lang, overrides] of Object.entries(texts)) {
    for (const key of Object.keys(overrides)) {
      if (known.has(key) || warned.has(`${lang}.${key}`)) continue;
      warned.add(`${lang}.${key}`);
      console.warn(`[digitale-balie] config-url "${configUrl}": texts.${lang}.${key} is not a text of the widget; it is ignored`);
    }
  }
}
