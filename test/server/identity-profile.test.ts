import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { startDemoIdentity, type DemoIdentity } from '../../demo/digid-simulator/demo-identity.js';
import type { BalieConfig, StartIdentityResponse } from '../../src/protocol/index.js';
import { oidcEnvName, readIdentityEnv } from '../../src/server/env.js';
import { JWKS_PATH } from '../../src/server/identity/index.js';
import { visitWithCookies } from './cookie-visit.js';
import { JSON_TYPE, testApp, testConfig, useTestStore } from './helpers.js';
import { identityConfig } from './identity-support.js';

const CALLBACK = 'http://balie.test/api/identity/callback';
const RETURN_URL = 'https://www.testdorp.nl/paspoort';
const BSN = '999993653';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const rsaPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/**
 * The NL GOV Assurance profile as a broker enforces it, against the DigiD simulator (a real
 * oidc-provider): the balie authenticates with `private_key_jwt`, publishes its keys, and takes
 * ID tokens only encrypted.
 */
describe('DigiD under the NL GOV Assurance profile', () => {
  const db = useTestStore();
  const stopped: DemoIdentity[] = [];
  let keyDir: string;
  let logLines: string[];

  before(async () => {
    keyDir = await mkdtemp(join(tmpdir(), 'balie-profile-'));
  });
  beforeEach(() => {
    logLines = [];
  });
  after(async () => {
    await Promise.all(stopped.map((s) => s.close()));
    await rm(keyDir, { recursive: true, force: true });
  });

  async function simulators(options: { digidEncrypts?: boolean } = {}): Promise<DemoIdentity> {
    const started = await startDemoIdentity({ callbackUrl: CALLBACK, ...options });
    stopped.push(started);
    return started;
  }

  /** A balie app connected the production way, with `env` over the simulators' settings. */
  function balie(t: Parameters<typeof testApp>[0], sims: DemoIdentity, env: Record<string, string> = {}) {
    const config: BalieConfig = sims.connect({ ...testConfig, identity: identityConfig(CALLBACK) }, CALLBACK);
    return testApp(t, db, {
      config,
      identity: readIdentityEnv(config, { ...sims.env, ...env }),
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } },
    });
  }

  /** Why the balie refused the login, as its log says. */
  function refusal(): string {
    const line = logLines
      .map((l) => JSON.parse(l) as { msg: string; reason?: string })
      .find((l) => l.msg === 'balie-identity: login refused');
    return line?.reason ?? '(no refusal logged)';
  }

  /** Start, log in as `BSN` at the simulator, and return the balie's answer to the callback. */
  async function logIn(app: FastifyInstance): Promise<URL> {
    const started = await app.inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL, bindingHash: 'b'.repeat(64) },
    });
    assert.equal(started.statusCode, 200, started.body);
    const cookies = new Map<string, string>();
    const follow = async (from: URL, form?: Record<string, string>) => {
      const response = await visitWithCookies(cookies, from, form);
      assert.ok([302, 303].includes(response.status), `expected a redirect from ${from}, got ${response.status}`);
      return new URL(response.headers.get('location')!, from);
    };
    const loginPage = await follow(new URL(started.json<StartIdentityResponse>().authorizationUrl));
    const html = await (await visitWithCookies(cookies, loginPage)).text();
    const acr = /<option value="([^"]+)" selected>/.exec(html)![1]!;
    let url = await follow(new URL(`${loginPage.pathname}/login`, loginPage), { person: BSN, acr });
    while (!url.href.startsWith(CALLBACK)) url = await follow(url);
    const answer = await app.inject({ url: url.pathname + url.search });
    assert.equal(answer.statusCode, 303, answer.body);
    return new URL(String(answer.headers.location));
  }

  async function loggedIn(app: FastifyInstance): Promise<boolean> {
    const fragment = new URLSearchParams((await logIn(app)).hash.slice(1));
    return fragment.has('balie-code');
  }

  it('logs in with private_key_jwt and an encrypted ID token', async (t) => {
    const sims = await simulators();
    assert.ok(await loggedIn(balie(t, sims)));
    const { rows } = await db.query<{ national_number: string }>('SELECT national_number FROM identity_login');
    assert.deepEqual(rows.map((r) => r.national_number), [BSN], 'the decrypted token gave the BSN');
  });

  it('refuses an unencrypted ID token when encryption is configured', async (t) => {
    const sims = await simulators({ digidEncrypts: false });
    const fragment = new URLSearchParams((await logIn(balie(t, sims))).hash.slice(1));
    assert.equal(fragment.get('balie-error'), 'provider_error');
    assert.equal(fragment.get('balie-code'), null);
    assert.match(refusal(), /arrived unencrypted/);
  });

  it('is refused by the provider when it signs with a key the provider does not know', async (t) => {
    const sims = await simulators();
    const stranger = join(keyDir, 'stranger.pem');
    await writeFile(stranger, rsaPem());
    const app = balie(t, sims, { [oidcEnvName('digid', 'PRIVATE_KEY_FILE')]: stranger });
    const fragment = new URLSearchParams((await logIn(app)).hash.slice(1));
    assert.equal(fragment.get('balie-error'), 'provider_error');
    assert.match(refusal(), /token endpoint refused the code: invalid_client/);
  });

  it('publishes both keys during a rotation, signs with the first, and shows no private part', async (t) => {
    const sims = await simulators();
    // The registered key stays second (published, no longer signing); the new one comes first.
    const registered = await readFile(sims.env[oidcEnvName('digid', 'PRIVATE_KEY_FILE')]!, 'utf8');
    const rotation = join(keyDir, 'rotation.pem');
    await writeFile(rotation, `${rsaPem()}\n${registered}`);
    const app = balie(t, sims, { [oidcEnvName('digid', 'PRIVATE_KEY_FILE')]: rotation });

    const response = await app.inject({ url: JWKS_PATH });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/jwk-set\+json/);
    const { keys } = response.json<{ keys: Record<string, string>[] }>();
    assert.deepEqual(keys.map((k) => `${k.use} ${k.alg}`), ['sig RS256', 'sig RS256', 'enc RSA-OAEP-256']);
    assert.equal(new Set(keys.map((k) => k.kid)).size, 3, 'each key has its own kid');
    for (const key of keys) for (const member of PRIVATE_MEMBERS) assert.ok(!(member in key), `"${member}" published`);

    // The simulator knows only the old key: a login signed with the new, first key is refused.
    const fragment = new URLSearchParams((await logIn(app)).hash.slice(1));
    assert.equal(fragment.get('balie-error'), 'provider_error', 'the first key signs');
    assert.match(refusal(), /invalid_client/);
  });

  it('serves browsers the providers\' ids and labels only at /api/config', async (t) => {
    const sims = await simulators();
    const app = balie(t, sims);
    const body = (await app.inject({ url: '/api/config' })).body;
    const config = JSON.parse(body) as BalieConfig;
    assert.deepEqual(config.identity?.providers, [
      { id: 'digid', label: 'Inloggen met DigiD' },
      { id: 'itsme', label: 'Aanmelden met itsme' },
    ]);
    for (const secret of [sims.env[oidcEnvName('itsme', 'CLIENT_SECRET')]!, sims.simulators[0].issuer, 'clientId', 'oidc']) {
      assert.ok(!body.includes(secret), `/api/config shows ${secret}`);
    }
  });
});
