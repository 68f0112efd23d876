import { record, text, type Schema } from './schema.js';
import { LANGS, type LocalizedText } from './lang.js';

/** A language as an object key (the config's `texts`, a per-language text). */
export const langKey = {
  pattern: new RegExp(`^(${LANGS.join('|')})$`),
  expected: `a language: ${LANGS.join(', ')}`,
};

/**
 * A {@link LocalizedText} of at most `max` characters per language: `"Paspoort"` or
 * `{ "nl": "Paspoort", "fr": "Passeport" }`. A per-language object must give `nl`.
 */
export function localizedText(options: { max: number }): Schema<LocalizedText> {
  const plain = text(options);
  const perLang = record(langKey, plain, { max: LANGS.length });
  const expected = `${plain.expected}, or one per language like { "nl": …, "fr": … }`;
  return {
    expected,
    check(value, path, issues) {
      if (typeof value === 'string') return plain.check(value, path, issues);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const received = value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${String(value)}`;
        issues.push({ path, expected, received });
        return value as LocalizedText;
      }
      perLang.check(value, path, issues);
      if (!('nl' in value)) issues.push({ path: `${path}.nl`, expected: 'the Dutch text (a per-language text always gives nl)', received: 'nothing' });
      return value as LocalizedText;
    },
  };
}
