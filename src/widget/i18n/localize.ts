import { catalogs, type Lang, type MessageKey } from './messages.js';

/**
 * Picks the language: the element's `lang`, else the page's `<html lang>`, else Dutch. Only the
 * primary subtag counts (`nl-BE` is Dutch).
 */
export function resolveLang(...candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split('-')[0];
    if (primary && primary in catalogs) return primary as Lang;
  }
  return 'nl';
}

/** The text for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
