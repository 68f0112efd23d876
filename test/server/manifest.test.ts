import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('custom-elements.json', () => {
  it('matches what the analyzer generates from the JSDoc today', () => {
    const out = mkdtempSync(join(tmpdir(), 'balie-cem-'));
    try {
      // The analyzer joins --outdir to the working directory, so it must be relative.
      execFileSync(
        join(root, 'node_modules/.bin/cem'),
        ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, out)],
        { cwd: root, stdio: 'pipe' },
      );
      const fresh = readFileSync(join(out, 'custom-elements.json'), 'utf8');
      const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
      const [a, b] = [committed.split('\n'), fresh.split('\n')];
      const line = a.findIndex((text, i) => text !== b[i]);
      assert.ok(
        committed === fresh,
        `custom-elements.json is stale from line ${line + 1} (committed: ${a[line]?.trim()}; generated: ${b[line]?.trim()}): run \`npm run analyze\` and commit it`,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('documents the events, parts and custom properties of <digitale-balie>', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const balie = manifest.modules
      .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
      .find((d: { tagName?: string }) => d.tagName === 'digitale-balie');
    assert.deepEqual(balie.attributes.map((a: { name: string }) => a.name).sort(), ['config-url', 'lang', 'mode', 'product', 'return-url']);
    assert.deepEqual(
      balie.events.map((e: { name: string }) => e.name).sort(),
      ['balie-booked', 'balie-booking-cancelled', 'balie-call-ended', 'balie-call-started', 'balie-error', 'balie-identified'],
    );
    assert.ok(balie.cssParts.some((p: { name: string }) => p.name === 'launcher-button'));
    assert.ok(balie.cssProperties.some((p: { name: string }) => p.name === '--digitale-balie-primary-color'));
  });
});
