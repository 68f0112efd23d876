import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ALLOWED_ORIGIN,
  assertApiError,
  testApp,
  testConfig,
  useTestStore,
} from './helpers.js';

describe('the balie server over HTTP', () => {
  const db = useTestStore();
  let buildRoot: string;
  let widgetDir: string;
  before(async () => {
    buildRoot = await mkdtemp(join(tmpdir(), 'balie-widget-'));
    widgetDir = join(buildRoot, 'dist');
    await mkdir(join(widgetDir, 'chunks'), { recursive: true });
    // Next to the widget build, as package.json is next to dist/: must never be served.
    await writeFile(join(buildRoot, 'secret.js'), 'export const secret = 1;\n');
    await writeFile(join(widgetDir, 'balie-medewerker.js'), 'export {};\n');
    await writeFile(join(widgetDir, 'chunks', 'call.js'), 'export const call = 1;\n');
    // `npm run build` puts the compiled server beside the widget, and the release it pins.
    await mkdir(join(widgetDir, 'server'), { recursive: true });
    await writeFile(join(widgetDir, 'server', 'env.js'), 'export const env = 1;\n');
    await writeFile(join(widgetDir, 'integrity.json'), JSON.stringify({ version: '1.2.3' }));
  });
  after(async () => {
    await rm(buildRoot, { recursive: true, force: true });
  });

  it('reports its health', async (t) => {
    const response = await testApp(t, db).inject({ url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it("serves the municipality's configuration to an allowed site", async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({ url: '/api/config', headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), testConfig);
    assert.equal(response.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
  });

  it('gives other sites no CORS permission', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({
      url: '/api/config',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(response.headers['access-control-allow-origin'], undefined);
  });

  it("answers an allowed site's preflight for the bearer header", async (t) => {
    const app = testApp(t, db);
    const allowed = await app.inject({
      method: 'OPTIONS',
      url: '/api/tickets/current/events',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(allowed.statusCode, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(allowed.headers['access-control-allow-headers']), /authorization/);

    // A citizen sending a file in the call (issue 15): its name travels in a header of its own.
    const upload = await app.inject({
      method: 'OPTIONS',
      url: '/api/tickets/current/documents',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-balie-document-name',
      },
    });
    assert.equal(upload.statusCode, 204);
    assert.equal(upload.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(upload.headers['access-control-allow-headers']), /\bx-balie-document-name\b/);

    const other = await app.inject({
      method: 'OPTIONS',
      url: '/api/tickets',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('answers an unknown route with a not_found error body', async (t) => {
    const response = await testApp(t, db).inject({ url: '/api/nothing-here' });
    assert.match(assertApiError(response, 404, 'not_found'), /GET \/api\/nothing-here/);
  });

  it('serves the employee page with a strict content security policy', async (t) => {
    const app = testApp(t, db);
    const response = await app.inject({ url: '/medewerker/' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(response.body, /^<!doctype html>\n<html lang="nl">/);
    assert.match(response.body, /<title>Balie — medewerker<\/title>/);
    assert.match(
      response.body,
      /<script type="module" src="\/widget\/balie-medewerker.js"><\/script>/,
    );
    assert.match(response.body, /<balie-medewerker><\/balie-medewerker>/);
    assert.equal(response.body.match(/<script/g)?.length, 1, 'no inline script');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:1 http:\/\/127\.0\.0\.1:1/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');

    const bare = await app.inject({ url: '/medewerker' });
    assert.equal(bare.statusCode, 308);
    assert.equal(bare.headers.location, '/medewerker/');
  });

  it('serves the built widget to any site as a JavaScript module', async (t) => {
    const app = testApp(t, db, { staticDir: widgetDir });
    for (const url of ['/widget/balie-medewerker.js', '/widget/chunks/call.js']) {
      const response = await app.inject({ url, headers: { origin: 'https://any.example' } });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
    }
  });

  it('serves nothing outside the widget build', async (t) => {
    const app = testApp(t, db, { staticDir: widgetDir });
    for (const url of [
      '/widget/missing.js',
      '/widget/chunks',
      '/widget/..%2fsecret.js',
      '/widget/%2e%2e/secret.js',
      '/widget/chunks/..%2f..%2fsecret.js',
      '/widget/server/env.js',
      '/widget/integrity.json',
      '/widget/1.2.3/server/env.js',
      '/widget/chunks/..%2fserver/env.js',
      '/widget/chunks/%2e%2e/server/env.js',
      '/widget/1.2.3/chunks/..%2fserver%2fenv.js',
    ]) {
      assertApiError(await app.inject({ url }), 404, 'not_found');
    }
    const without = testApp(t, db);
    assertApiError(await without.inject({ url: '/widget/balie-medewerker.js' }), 404, 'not_found');
  });

  it('serves a pinned release for a year, and no other release', async (t) => {
    const app = testApp(t, db, { staticDir: widgetDir });
    for (const url of ['/widget/1.2.3/balie-medewerker.js', '/widget/1.2.3/chunks/call.js']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
    assert.equal((await app.inject({ url: '/widget/balie-medewerker.js' })).headers['cache-control'], 'no-cache');
    const other = await app.inject({ url: '/widget/1.2.2/balie-medewerker.js' });
    assertApiError(other, 404, 'not_found');
    assert.match(other.json().error.message, /has widget 1\.2\.3, not 1\.2\.2/);
  });
});
