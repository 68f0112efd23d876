import type { Lang } from '../../protocol/lang.js';
import { nl, type MessageKey, type Messages } from './messages.js';

export { resolveLang } from '../../protocol/lang.js';

/** Fills `{name}` placeholders in `text` from `params`. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Text overrides from the config's `texts`, for one language, by message key. */
export type TextOverrides = Partial<Record<string, string>>;

/** The launcher's catalogs that are here: Dutch always, the other languages once fetched. */
const catalogs: Partial<Record<Lang, Messages>> = { nl };
let translations: Promise<void> | undefined;

/** Whether the launcher's texts in `lang` are here (Dutch always is). */
export function hasCatalog(lang: Lang): boolean {
  return lang in catalogs;
}

/** Fetches the other languages' launcher texts (once; again after a failure). */
export function loadTranslations(): Promise<void> {
  translations ??= import('./translations.js').then(
    ({ translations: fetched }) => void Object.assign(catalogs, fetched),
    (error: Error) => {
      translations = undefined;
      throw error;
    },
  );
  return translations;
}

/**
 * The launcher's text for `key` in `lang` (or the config's override), placeholders filled. Dutch
 * while the language's catalog has not arrived (the element waits for it; this is the fallback
 * when it could not be fetched). A key of a chunk's catalog (`more`, e.g. the booking outcomes)
 * is looked up there.
 */
export function translate<K extends string>(
  lang: Lang,
  key: MessageKey | K,
  params?: Record<string, string | number>,
  overrides: TextOverrides = {},
  more?: Record<K, string>,
): string {
  return fill(overrides[key] ?? (catalogs[lang] ?? nl)[key as MessageKey] ?? more?.[key as K] ?? key, params);
}
