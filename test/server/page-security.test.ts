import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { testApp, useTestStore } from './helpers.js';

describe('security headers on every page the server serves (issue #7)', () => {
  const db = useTestStore();

  it('gives the console, the guest page and any built HTML file a strict policy', async (t) => {
    const staticDir = await mkdtemp(join(tmpdir(), 'balie-pages-'));
    t.after(() => rm(staticDir, { recursive: true, force: true }));
    await writeFile(join(staticDir, 'demo.html'), '<!doctype html><title>x</title>');
    const app = testApp(t, db, { staticDir });

    for (const url of ['/medewerker/', '/gast/', '/widget/demo.html']) {
      const page = await app.inject({ url });
      assert.equal(page.statusCode, 200, url);
      assert.match(String(page.headers['content-type']), /^text\/html/, url);
      const csp = String(page.headers['content-security-policy']);
      const directives = new Map(
        csp.split(';').map((part) => {
          const [name, ...values] = part.trim().split(/\s+/);
          return [name!, values.join(' ')];
        }),
      );
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${url}: nothing inline, no eval, no wildcard`);
      assert.equal(directives.get('script-src'), "'self'", url);
      assert.equal(directives.get('style-src'), "'self'", url);
      assert.equal(directives.get('object-src'), "'none'", url);
      assert.equal(directives.get('frame-ancestors'), "'none'", `${url}: never framed`);
      assert.equal(directives.get('connect-src'), "'self' ws://127.0.0.1:1 http://127.0.0.1:1", url);
      assert.equal(page.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(page.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(page.headers['x-frame-options'], 'DENY', url);
      const permissions = String(page.headers['permissions-policy']);
      for (const feature of ['camera=(self)', 'microphone=(self)', 'display-capture=(self)', 'geolocation=()']) {
        assert.ok(permissions.split(/,\s*/).includes(feature), `${url}: ${feature} in ${permissions}`);
      }
    }
  });

  it('leaves API answers without a page policy', async (t) => {
    const app = testApp(t, db);
    const config = await app.inject({ url: '/api/config' });
    assert.equal(config.statusCode, 200);
    assert.equal(config.headers['content-security-policy'], undefined);
  });
});
