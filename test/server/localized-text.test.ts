import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  balieConfigSchema,
  formatIssues,
  localize,
  parse,
  resolveLang,
  type Lang,
  type LocalizedText,
} from '../../src/protocol/index.js';

describe('a config text in the citizen\'s language', () => {
  const cases: { text: LocalizedText; lang: Lang; expected: string; why: string }[] = [
    { text: 'Paspoort aanvragen', lang: 'fr', expected: 'Paspoort aanvragen', why: 'a plain string is every language\'s text' },
    { text: { nl: 'Paspoort', fr: 'Passeport' }, lang: 'fr', expected: 'Passeport', why: 'French where French is given' },
    { text: { nl: 'Paspoort', fr: 'Passeport' }, lang: 'nl', expected: 'Paspoort', why: 'Dutch where Dutch is asked' },
    { text: { nl: 'Paspoort', fr: 'Passeport' }, lang: 'en', expected: 'Paspoort', why: 'Dutch for a language the config does not use' },
    { text: { nl: 'Paspoort', en: 'Passport', fr: 'Passeport' }, lang: 'en', expected: 'Passport', why: 'English where English is given' },
  ];
  for (const { text, lang, expected, why } of cases) {
    it(`${why}: ${JSON.stringify(text)} in ${lang} is "${expected}"`, () => assert.equal(localize(text, lang), expected));
  }
});

describe('the language of an element or a page', () => {
  const cases: { candidates: (string | null | undefined)[]; expected: Lang }[] = [
    { candidates: ['fr-BE'], expected: 'fr' },
    { candidates: ['EN'], expected: 'en' },
    { candidates: ['', 'fr'], expected: 'fr' },
    { candidates: ['de', 'nl-BE'], expected: 'nl' },
    { candidates: [null, undefined], expected: 'nl' },
    { candidates: ['tr'], expected: 'nl' },
  ];
  for (const { candidates, expected } of cases) {
    it(`${JSON.stringify(candidates)} reads as ${expected}`, () => assert.equal(resolveLang(...candidates), expected));
  }
});

describe('the config check for texts given per language', () => {
  const config = (products: unknown[], identity?: unknown) => ({
    municipality: { name: 'Stad Kustrode' },
    products,
    ...(identity ? { identity } : {}),
  });
  const problems = (json: unknown) => {
    const parsed = parse(balieConfigSchema, json);
    return parsed.ok ? '' : formatIssues(parsed.issues);
  };

  it('takes plain strings and per-language texts that each give the same languages', () => {
    const ok = config(
      [
        { id: 'eid', name: { nl: 'Identiteitskaart', fr: 'Carte d\'identité' }, bring: ['Pasfoto', { nl: 'Uw adres', fr: 'Votre adresse' }] },
        { id: 'afval', name: 'Afvalkalender' },
      ],
      { providers: [{ id: 'itsme', label: { nl: 'Aanmelden met itsme', fr: 'Se connecter avec itsme' } }], returnUrls: ['https://kustrode.be/'] },
    );
    assert.equal(problems(ok), '');
  });

  it('names the text that lacks a language another text gives', () => {
    const half = config(
      [{ id: 'eid', name: { nl: 'Identiteitskaart', fr: 'Carte d\'identité' }, bring: [{ nl: 'Uw adres' }] }],
      { providers: [{ id: 'itsme', label: { nl: 'Aanmelden met itsme' } }], returnUrls: ['https://kustrode.be/'] },
    );
    assert.equal(
      problems(half),
      [
        'products[0].bring[0].fr: expected a text in "fr" too, as products[0].name has one, got nothing',
        'identity.providers[0].label.fr: expected a text in "fr" too, as products[0].name has one, got nothing',
      ].join('\n'),
    );
  });

  it('asks for the Dutch text of every per-language text', () => {
    assert.match(problems(config([{ id: 'eid', name: { fr: 'Carte d\'identité' } }])), /^products\[0\]\.name\.nl: expected the Dutch text/);
  });

  it('refuses a language it does not know and a text that is neither a string nor one per language', () => {
    const out = problems(config([{ id: 'eid', name: { nl: 'Identiteitskaart', de: 'Personalausweis' } }, { id: 'afval', name: 42 }]));
    assert.match(out, /^products\[0\]\.name\.de: expected a language: nl, en, fr, got that name$/m);
    assert.match(out, /^products\[1\]\.name: expected text of 1 to 120 characters, or one per language like \{ "nl": …, "fr": … \}, got number 42$/m);
  });

  it('refuses an empty or too long text in one language', () => {
    const out = problems(config([{ id: 'eid', name: { nl: 'Identiteitskaart', fr: '' } }, { id: 'x', name: { nl: 'x'.repeat(121) } }]));
    assert.match(out, /^products\[0\]\.name\.fr: expected text of 1 to 120 characters, got ""$/m);
    assert.match(out, /^products\[1\]\.name\.nl: expected text of 1 to 120 characters/m);
  });
});
