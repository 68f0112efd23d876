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

/** Fills `{name}` placeholders in `text` from `params`. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The launcher's text for `key` in `lang`, placeholders filled. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return fill(catalogs[lang][key], params);
}
