import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { localize } from '../../src/protocol/index.js';
import { loadConfigFile } from '../../src/server/env.js';
import { nl as launcherTexts } from '../../src/widget/i18n/messages.js';
import { nl as stageTexts } from '../../src/widget/stages/stage-messages.js';
import { nl as bookingTexts } from '../../src/widget/stages/booking/booking-messages.js';

const configDir = fileURLToPath(new URL('../../demo/config/', import.meta.url));
const manifestFile = fileURLToPath(new URL('../../custom-elements.json', import.meta.url));

/** The custom properties `<digitale-balie>` documents (`@cssprop`), as the manifest lists them. */
async function documentedCustomProperties(): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
    modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[];
  };
  const balie = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'digitale-balie');
  return new Set(balie?.cssProperties?.map((p) => p.name) ?? []);
}

describe('demo configs', async () => {
  const files = (await readdir(configDir)).filter((name) => name.endsWith('.json'));

  it('are there: Voorbeeldstad, Kustrode and the walking skeleton', () => {
    for (const name of ['voorbeeldstad.json', 'kustrode.json', 'e2e-skeleton.json']) assert.ok(files.includes(name), `${name} is missing`);
  });

  for (const name of files) {
    it(`${name} loads as the balie server loads BALIE_CONFIG`, async () => {
      // Rejects with every issue listed when the file does not fit src/protocol/config.ts.
      await loadConfigFile(join(configDir, name));
    });

    it(`${name} themes only with custom properties <digitale-balie> documents, and overrides only its texts`, async () => {
      const config = await loadConfigFile(join(configDir, name));
      const documented = await documentedCustomProperties();
      for (const token of Object.keys(config.theme ?? {})) assert.ok(documented.has(token), `theme token ${token} is not a documented @cssprop`);
      const known = new Set([...Object.keys(launcherTexts), ...Object.keys(stageTexts), ...Object.keys(bookingTexts)]);
      for (const [lang, texts] of Object.entries(config.texts ?? {})) {
        for (const key of Object.keys(texts)) assert.ok(known.has(key), `texts.${lang}.${key} is not a text of the widget`);
      }
    });
  }

  it('Kustrode is a Flemish city with itsme, its own products and its own house style', async () => {
    const config = await loadConfigFile(join(configDir, 'kustrode.json'));
    assert.equal(config.municipality.name, 'Stad Kustrode');
    assert.equal(config.openingHours?.timeZone, 'Europe/Brussels');
    assert.deepEqual(config.identity?.providers.map((p) => p.id), ['itsme']);
    const levels = Object.fromEntries(config.products.map((p) => [p.id, p.levelOfAssurance]));
    assert.deepEqual(levels, { identiteitskaart: 'substantieel', afvalkalender: undefined });
    assert.ok(config.theme?.['--nl-button-primary-action-background-color'], 'Kustrode sets its own primary colour');
    assert.deepEqual(Object.keys(config.texts ?? {}).sort(), ['fr', 'nl']);
  });

  it('Kustrode speaks French on its French page: product names, what to bring and the login button', async () => {
    const config = await loadConfigFile(join(configDir, 'kustrode.json'));
    const eid = config.products.find((p) => p.id === 'identiteitskaart')!;
    assert.equal(localize(eid.name, 'fr'), "Demander une carte d'identité");
    assert.equal(localize(eid.name, 'nl'), 'Identiteitskaart aanvragen');
    assert.deepEqual(eid.bring?.map((line) => localize(line, 'fr')), ["Votre carte d'identité actuelle", "Une photo d'identité récente conforme à la norme OACI"]);
    assert.deepEqual(config.identity?.providers.map((p) => localize(p.label, 'fr')), ['Se connecter avec itsme']);
  });
});
