import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
// @ts-expect-error -- plain ESM script without type declarations
import { startLivekit } from '../../scripts/livekit.mjs';
import type { LivekitProcess } from '../../demo/stack.js';
import { freePort } from '../../demo/free-port.js';
import { startDemoSite } from '../../demo/site-server.js';
import { digidProfile, startDigidSimulator, type DigidSimulator } from '../../demo/digid-simulator/index.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { employeeSignsIn } from './support/journey.js';
import { productionInstall, startBuiltServer, type BuiltServer } from './support/production-install.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';

describe('the built server, installed as production installs it', () => {
  let install: ReturnType<typeof productionInstall>;
  let server: BuiltServer;
  let url: string;

  before(async () => {
    install = productionInstall();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = startBuiltServer(install.dir, {
      PORT: String(port),
      // Without identity providers, whose secrets this suite does not set up (the journey below does).
      BALIE_CONFIG: join(process.cwd(), 'demo/config/e2e-skeleton.json'),
      DATA_DIR: join(install.dir, 'data'),
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'production-test',
      LIVEKIT_API_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      BALIE_ALLOWED_ORIGINS: 'https://www.voorbeeldstad.nl',
      BALIE_CONSOLE_CODE: 'production-test-code',
    });
    await server.ready(url);
  });

  after(async () => {
    await server?.stop();
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

const DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
// Skipped test by test, not as a suite, so the runner's summary counts it as skipped. In CI the
// e2e layer always has Postgres: there a missing TEST_DATABASE_URL fails instead of skipping.
const skipJourney =
  DATABASE_URL || process.env.CI ? false : 'needs TEST_DATABASE_URL: production runs on Postgres, not PGlite';
const WAIT = { timeout: 60_000 };

/** An RSA private key as an operator makes one (`openssl genpkey`), PEM. */
function rsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** `url` with another database name. */
function withDatabase(url: string, database: string): string {
  const changed = new URL(url);
  changed.pathname = `/${database}`;
  return changed.toString();
}

describe('the production path end to end: built server, strict DigiD, livekit-server, Postgres', () => {
  /** Undone in reverse order in `after`, also when `before` fails halfway. */
  const cleanups: (() => Promise<unknown>)[] = [];
  const contexts: BrowserContext[] = [];
  let server: BuiltServer;
  let balieUrl: string;
  let siteUrl: string;
  let digid: DigidSimulator;
  let chromium: TestBrowser;
  let store: pg.Pool;
  const consoleAccessCode = randomBytes(9).toString('base64url');

  before(async () => {
    if (skipJourney) return;
    if (!DATABASE_URL) throw new Error('CI runs the e2e layer with TEST_DATABASE_URL set; it is missing');
    await chromiumPath();

    // A database of its own, as a municipality's server has: created here, dropped afterwards.
    // (The server has no schema setting: DATABASE_URL names the database and it uses `public`.)
    const database = `balie_prod_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    });
    const databaseUrl = withDatabase(DATABASE_URL, database);
    store = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    cleanups.push(() => store.end());

    const install = productionInstall();
    cleanups.push(async () => install.remove());
    const secrets = await mkdtemp(join(tmpdir(), 'balie-production-secrets-'));
    cleanups.push(() => rm(secrets, { recursive: true, force: true }));

    const livekit: LivekitProcess = await startLivekit({ bin: await livekitBin() });
    cleanups.push(() => livekit.stop());

    // The callback and the JWKS URL are registered at the provider before the server starts.
    const baliePort = await freePort();
    balieUrl = `http://127.0.0.1:${baliePort}`;
    const site = await startDemoSite({ host: 'localhost', balieOrigin: () => balieUrl, livekitUrl: () => livekit.url });
    cleanups.push(() => site.close());
    siteUrl = site.url;
    const callbackUrl = `${balieUrl}/api/identity/callback`;
    // DigiD in the NL GOV Assurance profile's strict mode: private_key_jwt with the balie's
    // published keys, fetched from the built server as a broker does, and encrypted ID tokens.
    digid = await startDigidSimulator({
      profile: digidProfile,
      clients: [
        { clientId: 'digitale-balie', redirectUris: [callbackUrl], jwksUri: `${balieUrl}/api/identity/jwks.json`, encryptIdTokens: true },
      ],
    });
    cleanups.push(() => digid.close());

    // The operator's files: the keys (readable by the server's user alone) and the config.
    const signingKey = join(secrets, 'digid-signing.pem');
    const decryptionKey = join(secrets, 'digid-decryption.pem');
    await writeFile(signingKey, rsaKeyPem(), { mode: 0o600 });
    await writeFile(decryptionKey, rsaKeyPem(), { mode: 0o600 });
    const config = JSON.parse(await readFile(join(process.cwd(), 'demo/config/voorbeeldstad.json'), 'utf8'));
    // Walk-in around the clock and no holidays: "Nu videobellen" is open whenever the test runs.
    const allDay = ['00:00-24:00'];
    config.openingHours.walkIn = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
    config.openingHours.holidays = [];
    const strictDigid = config.identity.providers.find((p: { id: string }) => p.id === 'digid');
    assert.equal(strictDigid.oidc.clientAuthentication, 'private_key_jwt');
    assert.ok(strictDigid.oidc.idTokenEncryption, 'the demo config encrypts DigiD ID tokens');
    config.identity = {
      providers: [{ ...strictDigid, oidc: { ...strictDigid.oidc, issuer: digid.issuer, redirectUri: callbackUrl } }],
      returnUrls: [`${siteUrl}/`],
    };
    const configFile = join(secrets, 'balie.json');
    await writeFile(configFile, JSON.stringify(config, null, 2));

    // From the environment alone, as a service manager starts it.
    server = startBuiltServer(install.dir, {
      PORT: String(baliePort),
      BALIE_CONFIG: configFile,
      DATABASE_URL: databaseUrl,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      BALIE_ALLOWED_ORIGINS: siteUrl,
      BALIE_CONSOLE_CODE: consoleAccessCode,
      BALIE_OIDC_DIGID_PRIVATE_KEY_FILE: signingKey,
      BALIE_OIDC_DIGID_DECRYPTION_KEY_FILE: decryptionKey,
    });
    cleanups.push(() => server.stop());
    await server.ready(balieUrl);

    chromium = await launchChromium();
    cleanups.push(() => chromium.close());
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: Error) => console.error(`cleanup: ${e.message}`));
  });

  async function newPage(): Promise<Page> {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    return context.newPage();
  }

  it('a citizen logs in with DigiD, waits, is admitted by an employee, and both see each other', { skip: skipJourney }, async (t) => {
    // What the broker fetches: the public halves of the signing and the decryption key, nothing private.
    const jwks = (await (await fetch(`${balieUrl}/api/identity/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    assert.deepEqual(jwks.keys.map((k) => k.use).sort(), ['enc', 'sig']);
    assert.ok(jwks.keys.every((k) => !('d' in k) && !('p' in k)), 'a private key member is published');

    // The citizen, on the municipality's product page, whose one script tag loads the built widget.
    const citizen = await newPage();
    const widgetLoads: string[] = [];
    citizen.on('response', (r) => void (r.url().startsWith(`${balieUrl}/widget/`) && widgetLoads.push(`${r.status()} ${r.url()}`)));
    await citizen.goto(`${siteUrl}/paspoort.html`);
    await citizen.getByRole('button', { name: 'Videobellen' }).click();
    await citizen.getByRole('button', { name: 'Nu videobellen' }).click();
    await citizen.getByRole('button', { name: 'Inloggen met DigiD' }).click();
    await citizen.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor(WAIT);
    assert.equal(new URL(citizen.url()).origin, digid.issuer, 'the login is at the provider');
    await citizen.getByLabel(/Jan Jansen/).check();
    await citizen.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await citizen.getByRole('heading', { name: 'Controleer uw camera en microfoon' }).waitFor(WAIT);
    assert.equal(new URL(citizen.url()).origin, siteUrl, 'back on the product page');
    assert.ok(widgetLoads.some((line) => line.startsWith('200 ')), `the widget came from the built server: ${widgetLoads}`);
    await citizen.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
    await citizen.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor(WAIT);

    // The employee, at the built server's console, sees a walk-in whose identity was checked.
    const employee = await newPage();
    await employeeSignsIn(employee, { consoleUrl: `${balieUrl}/medewerker/`, consoleAccessCode });
    const queue = employee.getByRole('list', { name: 'Wachtende inwoners' });
    await queue.getByRole('listitem').filter({ hasText: 'inloop · identiteit gecontroleerd' }).waitFor(WAIT);
    const admittedAt = Date.now();
    await queue.getByRole('button', { name: /^Toelaten/ }).click();

    // Both decode the other's camera, and the frames keep coming.
    const firstFrame = async (page: Page) => {
      await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0 && p.videoWidth > 0, 'first remote frame', 60_000);
      return Date.now() - admittedAt;
    };
    const [citizenMs, employeeMs] = await Promise.all([firstFrame(citizen), firstFrame(employee)]);
    t.diagnostic(`Toelaten → first remote frame: citizen ${citizenMs} ms, employee ${employeeMs} ms`);
    for (const page of [citizen, employee]) {
      const before = await probeRemoteMedia(page);
      await pollUntil(() => probeRemoteMedia(page), (now) => now.framesDecoded > before.framesDecoded + 10, 'frames growing');
    }

    // It all went through the Postgres database the environment named: the admitted ticket carries
    // the DigiD login at the product's level.
    const { rows } = await store.query(
      `SELECT t.state, l.provider, l.level_of_assurance AS "levelOfAssurance"
         FROM waiting_ticket t JOIN identity_login l ON l.id = t.identity_login_id`,
    );
    assert.deepEqual(rows, [{ state: 'admitted', provider: 'digid', levelOfAssurance: 'substantieel' }]);
    assert.doesNotMatch(server.output(), /"level":(50|60)/, 'no error in the built server’s log');
  });
});
