import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../demo/free-port.js';
import { pollUntil } from './support/call-probe.js';
import { productionInstall, startBuiltServer } from './support/production-install.js';

describe('the built server, installed as production installs it', () => {
  let install: ReturnType<typeof productionInstall>;
  let server: ReturnType<typeof startBuiltServer>;
  let url: string;

  before(async () => {
    install = productionInstall();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = startBuiltServer(install.dir, {
      PORT: String(port),
      BALIE_CONFIG: join(process.cwd(), 'demo/config/voorbeeldstad.json'),
      DATA_DIR: join(install.dir, 'data'),
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'production-test',
      LIVEKIT_API_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      BALIE_ALLOWED_ORIGINS: 'https://www.voorbeeldstad.nl',
      BALIE_CONSOLE_CODE: 'production-test-code',
    });
    await pollUntil(
      () => fetch(`${url}/readyz`).then((r) => r.status, () => 0),
      (status) => status === 200,
      `the built server to be ready (its output: ${server.output().slice(-2000)})`,
      60_000,
    );
  });

  after(() => {
    server?.child.kill('SIGTERM');
    install?.remove();
  });

  it('runs from dist/ with production dependencies only, and serves the API', async () => {
    const config = await fetch(`${url}/api/config`, { headers: { origin: 'https://www.voorbeeldstad.nl' } });
    assert.equal(config.status, 200);
    assert.equal((await config.json()).municipality.name, 'Gemeente Voorbeeldstad');
    assert.doesNotMatch(server.output(), /"level":(50|60)/, 'no error in the log');
  });

  it('serves its own widget at the pinned path, matching the integrity the build printed', async () => {
    const { version, 'digitale-balie.js': integrity } = JSON.parse(readFileSync('dist/integrity.json', 'utf8'));
    const response = await fetch(`${url}/widget/${version}/digitale-balie.js`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(`sha384-${createHash('sha384').update(body).digest('base64')}`, integrity);
  });
});
