// What the widget's first script needs, and nothing else: a module is bundled whole, and this one
// is in the first script (the config's schema for these texts is in `localized-text.ts`).

/**
 * The languages a citizen can be served in: Dutch (the source, and the default), English, French.
 * This list is the only place a language is named. Every catalog — the widget's, the call's, the
 * server's mails — is a `Record<Lang, …>`, so adding a language here makes the compiler point at
 * each catalog that lacks it.
 */
export const LANGS = ['nl', 'en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * Picks the language: the first candidate whose primary subtag is one of {@link LANGS} (`nl-BE` is
 * Dutch), else Dutch. Pass the most specific first: the element's `lang`, then the page's.
 */
export function resolveLang(...candidates: (string | null | undefined)[]): Lang {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split('-')[0];
    if (LANGS.includes(primary as Lang)) return primary as Lang;
  }
  return 'nl';
}

/**
 * A text from the config that a citizen reads (a product's name, what to bring, a login button):
 * one string for every language, or one per language. A per-language text always gives `nl`; the
 * config check makes it give every language the config uses anywhere (see `balieConfigSchema`).
 */
export type LocalizedText = string | ({ nl: string } & Partial<Record<Lang, string>>);

/**
 * `text` in `lang`. Dutch for a language the config does not translate into at all (the config
 * check refuses a config that gives a language for one text and not for another).
 */
export function localize(text: LocalizedText, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang] ?? text.nl;
}
