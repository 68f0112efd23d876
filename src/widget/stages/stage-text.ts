import { fill, resolveLang } from '../i18n/localize.js';
import { stageCatalogs, type StageMessageKey } from './stage-messages.js';

/** A stage's text for `key` in the language `lang` resolves to, placeholders filled. */
export function stageText(lang: string, key: StageMessageKey, params?: Record<string, string | number>): string {
  return fill(stageCatalogs[resolveLang(lang)][key], params);
}
