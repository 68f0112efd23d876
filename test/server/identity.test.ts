import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { startDemoIdentity } from '../../demo/digid-simulator/demo-identity.js';
import {
  belgianProfile,
  type DigidSimulator,
  type IdTokenFault,
} from '../../demo/digid-simulator/index.js';
import type {
  ExchangeIdentityCodeResponse,
  StartIdentityResponse,
} from '../../src/protocol/index.js';
import type { BalieConfig } from '../../src/protocol/index.js';
import { readIdentityEnv } from '../../src/server/env.js';
import { findSessionLogin, type IdentityOptions } from '../../src/server/identity/index.js';
import { purgeExpiredData } from '../../src/server/retention/index.js';
import { newSecret, sha256Hex } from '../../src/server/http/secrets.js';

import { JSON_TYPE, testApp, testConfig, useTestStore } from './helpers.js';
import { identityConfig } from './identity-support.js';
import { visitWithCookies } from './cookie-visit.js';

const CALLBACK = 'http://balie.test/api/identity/callback';
const RETURN_URL = 'https://www.testdorp.nl/paspoort?stap=identiteit';
const BSN = '999993653';
const LOA2PLUS = 'urn:etoegang:core:assurance-class:loa2plus';
/** For starts refused before any login begins: the browser binding they must carry. */
const BINDING_HASH = sha256Hex('a browser');

/**
 * What the citizen's browser saw of the balie server and the provider's redirects: every balie
 * response (status, headers, body) and every URL it was sent to. The BSN may be in none of it.
 */
interface BrowserTrail {
  seen: string[];
  cookies: Map<string, string>;
  /** The secret the widget keeps from start to exchange, binding the login to this browser. */
  binding: string;
}

describe('DigiD login at the balie (OIDC relying party)', () => {
  const db = useTestStore();
  let providers: Awaited<ReturnType<typeof startDemoIdentity>>;
  let digid: DigidSimulator;
  let logLines: string[];

  let config: BalieConfig;
  let identity: IdentityOptions;

  before(async () => {
    providers = await startDemoIdentity({ callbackUrl: CALLBACK });
    digid = providers.simulators[0];
    // The production path: the config names the providers, the environment holds their secrets.
    config = providers.connect({ ...testConfig, identity: identityConfig(CALLBACK) }, CALLBACK);
    identity = {
      ...readIdentityEnv(config, providers.env)!,
      productLevels: { paspoort: 'substantieel', rijbewijs: 'midden' },
    };
  });
  beforeEach(() => {
    logLines = [];
  });
  after(() => providers.close());

  function app(t: Parameters<typeof testApp>[0]): FastifyInstance {
    return testApp(t, db, {
      config,
      identity,
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } },
    });
  }

  function newTrail(): BrowserTrail {
    return { seen: [], cookies: new Map(), binding: newSecret() };
  }

  function record(trail: BrowserTrail, response: LightMyRequestResponse) {
    trail.seen.push(`${response.statusCode} ${JSON.stringify(response.headers)} ${response.body}`);
  }

  async function start(
    balie: FastifyInstance,
    trail: BrowserTrail,
    body: object = { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL },
  ): Promise<URL> {
    const response = await balie.inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: { bindingHash: sha256Hex(trail.binding), ...body },
    });
    record(trail, response);
    assert.equal(response.statusCode, 200, response.body);
    const url = new URL(response.json<StartIdentityResponse>().authorizationUrl);
    trail.seen.push(url.href);
    return url;
  }

  /** A browser request to the provider: its cookies, no automatic redirects. */
  function visit(trail: BrowserTrail, url: URL, form?: Record<string, string>): Promise<Response> {
    return visitWithCookies(trail.cookies, url, form);
  }

  function nextLocation(trail: BrowserTrail, from: URL, response: Response): URL {
    assert.ok(
      [302, 303].includes(response.status),
      `expected a redirect from ${from}, got ${response.status}`,
    );
    const url = new URL(response.headers.get('location')!, from);
    trail.seen.push(url.href);
    return url;
  }

  /**
   * At the provider: open the login page, pick a person and level (or cancel), and follow the
   * redirects until the provider sends the browser to the balie's callback.
   */
  async function atProvider(
    trail: BrowserTrail,
    authorizationUrl: URL,
    choice: { person?: string; acr?: string; cancel?: boolean } = {},
  ): Promise<URL> {
    const loginPage = nextLocation(trail, authorizationUrl, await visit(trail, authorizationUrl));
    const page = await visit(trail, loginPage);
    const html = await page.text();
    assert.match(html, /<button type="submit">Annuleren<\/button>/);
    const preselected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
    const person = choice.person ?? /name="person" value="(\d+)"/.exec(html)![1]!;
    const action = new URL(`${loginPage.pathname}/${choice.cancel ? 'abort' : 'login'}`, loginPage);
    const submitted = await visit(trail, action, { person, acr: choice.acr ?? preselected! });
    let url = nextLocation(trail, action, submitted);
    while (!url.href.startsWith(CALLBACK)) url = nextLocation(trail, url, await visit(trail, url));
    return url;
  }

  async function callback(balie: FastifyInstance, trail: BrowserTrail, url: URL) {
    const response = await balie.inject({ url: url.pathname + url.search });
    record(trail, response);
    return response;
  }

  /** The page the balie sent the browser back to, and its fragment's parameters. */
  function returned(trail: BrowserTrail, response: LightMyRequestResponse) {
    assert.equal(response.statusCode, 303, response.body);
    const url = new URL(String(response.headers.location));
    trail.seen.push(url.href);
    return { url, fragment: new URLSearchParams(url.hash.slice(1)) };
  }

  async function exchange(balie: FastifyInstance, trail: BrowserTrail, code: string) {
    const response = await balie.inject({
      method: 'POST',
      url: '/api/identity/exchange',
      headers: JSON_TYPE,
      payload: { code, binding: trail.binding },
    });
    record(trail, response);
    return response;
  }

  /** The whole journey up to the balie's answer to the callback. */
  async function loginAndCallback(
    balie: FastifyInstance,
    trail: BrowserTrail,
    choice?: Parameters<typeof atProvider>[2],
    body?: object,
  ) {
    const callbackUrl = await atProvider(trail, await start(balie, trail, body), choice);
    return { callbackUrl, response: await callback(balie, trail, callbackUrl) };
  }

  async function storedLogins(): Promise<string[]> {
    const { rows } = await db.query<{ national_number: string }>(
      'SELECT national_number FROM identity_login',
    );
    return rows.map((r) => r.national_number);
  }

  function assertApiError(response: LightMyRequestResponse, status: number, code: string): string {
    assert.equal(response.statusCode, status, response.body);
    const body = response.json<{ error: { code: string; message: string } }>();
    assert.equal(body.error.code, code, body.error.message);
    assert.match(body.error.message, /^balie-identity: ./);
    return body.error.message;
  }

  /** Asserts the refusal a citizen sees, that nothing was stored, and the log's reason. */
  async function assertRefused(
    trail: BrowserTrail,
    response: LightMyRequestResponse,
    error: string,
    reason: RegExp,
  ) {
    const { url, fragment } = returned(trail, response);
    assert.equal(url.origin + url.pathname + url.search, RETURN_URL);
    assert.equal(fragment.get('balie-error'), error);
    assert.equal(fragment.get('balie-code'), null);
    assert.deepEqual(await storedLogins(), []);
    const refusal = logLines
      .map((l) => JSON.parse(l) as { msg: string; reason?: string })
      .find((l) => l.msg === 'balie-identity: login refused');
    assert.match(refusal?.reason ?? '(no refusal logged)', reason);
  }

  it('hands back what the citizen filled in before the redirect, once, and then forgets it', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const resume = {
      mode: 'afspraak',
      slotStart: '2026-11-24T08:30:00.000Z',
      details: { name: 'Fatima de Vries', email: 'fatima@example.nl' },
      consent: 'yes',
      idempotencyKey: 'resume-key-0123456789',
    };
    const { response } = await loginAndCallback(balie, trail, { person: BSN }, {
      provider: 'digid',
      product: 'paspoort',
      returnUrl: RETURN_URL,
      resume,
    });
    const { url, fragment } = returned(trail, response);
    assert.ok(!url.href.includes('Fatima'), 'the resume never travels in a URL');
    const exchanged = await exchange(balie, trail, fragment.get('balie-code')!);
    assert.equal(exchanged.statusCode, 200, exchanged.body);
    assert.deepEqual(exchanged.json<ExchangeIdentityCodeResponse>().resume, resume);
    const { rows } = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM identity_flow WHERE resume IS NOT NULL)
            + (SELECT count(*) FROM identity_handoff WHERE resume IS NOT NULL) AS n`,
    );
    assert.equal(Number(rows[0]!.n), 0, 'the store keeps no copy after the exchange');
  });

  it('writes no code, state, session or token to the log of a DigiD login (issue 14, #3)', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const { callbackUrl, response } = await loginAndCallback(balie, trail, { person: BSN });
    const { fragment } = returned(trail, response);
    const exchanged = await exchange(balie, trail, fragment.get('balie-code')!);
    assert.equal(exchanged.statusCode, 200, exchanged.body);
    const { session } = exchanged.json<ExchangeIdentityCodeResponse>();
    await balie.inject({ url: '/api/identity/session', headers: { authorization: `Bearer ${session}` } });
    const secrets = [callbackUrl.searchParams.get('code')!, callbackUrl.searchParams.get('state')!, fragment.get('balie-code')!, session];
    assert.ok(logLines.some((line) => line.includes('/api/identity/callback')), 'the callback is logged');
    for (const line of logLines) {
      for (const secret of secrets) assert.ok(!line.includes(secret), `a secret in the log: ${line}`);
    }
  });

  it('keeps the resume sealed in the store: no name, e-mail or Idempotency-Key in plain text (issue 14, #11)', async (t) => {
    const balie = app(t);
    const storedResumes = async () => {
      const { rows } = await db.query<{ resume: string }>(
        `SELECT resume::text AS resume FROM identity_flow WHERE resume IS NOT NULL
         UNION ALL SELECT resume::text FROM identity_handoff WHERE resume IS NOT NULL
         UNION ALL SELECT resume::text FROM identity_resume_handoff`,
      );
      return rows.map((row) => row.resume);
    };
    const assertSealed = (stored: string[], moment: string) => {
      assert.equal(stored.length, 1, moment);
      for (const plain of ['sealed-key-0123456789', 'Noor', 'noor@example.nl', '2026-11-24']) {
        assert.ok(!stored[0]!.includes(plain), `${moment}: ${plain} is in the store in plain text`);
      }
    };
    for (const cancel of [false, true]) {
      const trail = newTrail();
      const resume = {
        mode: 'afspraak',
        slotStart: '2026-11-24T08:30:00.000Z',
        details: { name: 'Noor', email: 'noor@example.nl' },
        consent: 'yes',
        idempotencyKey: 'sealed-key-0123456789',
      };
      const authorizationUrl = await start(balie, trail, { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL, resume });
      assertSealed(await storedResumes(), 'while at DigiD');
      const response = await callback(balie, trail, await atProvider(trail, authorizationUrl, cancel ? { cancel: true } : { person: BSN }));
      assertSealed(await storedResumes(), cancel ? 'after a cancelled login' : 'after the login');
      const { fragment } = returned(trail, response);
      const answer = cancel
        ? await balie.inject({ method: 'POST', url: '/api/identity/resume', headers: JSON_TYPE, payload: { code: fragment.get('balie-hervat') } })
        : await exchange(balie, trail, fragment.get('balie-code')!);
      assert.equal(answer.statusCode, 200, answer.body);
      assert.deepEqual(answer.json<{ resume: unknown }>().resume, resume, 'handed back whole');
    }
  });

  it('hands back what was filled in after a cancelled login too, once, with no identity or session', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const resume = {
      mode: 'afspraak',
      slotStart: '2026-11-24T08:30:00.000Z',
      details: { name: 'Kees Jansen', email: 'kees@example.nl' },
      consent: 'yes',
      idempotencyKey: 'cancel-key-0123456789',
    };
    const body = { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL, resume };
    const { response } = await loginAndCallback(balie, trail, { cancel: true }, body);
    await assertRefused(trail, response, 'cancelled', /access_denied/);
    const { url, fragment } = returned(trail, response);
    assert.ok(!url.href.includes('Kees'), 'the resume never travels in a URL');
    const code = fragment.get('balie-hervat');
    assert.match(code ?? '', /^[A-Za-z0-9_-]{43}$/, 'a one-time code for the filled-in form');
    const take = () =>
      balie.inject({ method: 'POST', url: '/api/identity/resume', headers: JSON_TYPE, payload: { code } });
    const taken = await take();
    assert.equal(taken.statusCode, 200, taken.body);
    assert.deepEqual(taken.json(), { resume }, 'the form, and nothing about a person or a session');
    assert.equal(taken.headers['set-cookie'], undefined, 'no session');
    assert.equal((await take()).statusCode, 410, 'once');
    const asLogin = await exchange(balie, trail, code!);
    assert.equal(asLogin.statusCode, 400, 'the code is no login');
    assert.equal((await db.query('SELECT 1 FROM identity_resume_handoff')).rows.length, 0, 'the store keeps no copy');
  });

  it('refuses a resume that does not fit the protocol', async (t) => {
    const response = await app(t).inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL, resume: { mode: 'later' }, bindingHash: BINDING_HASH },
    });
    assertApiError(response, 400, 'bad_request');
    assert.match(response.json<{ error: { message: string } }>().error.message, /resume\.mode/);
  });

  it('refuses a provider the config does not offer', async (t) => {
    const balie = testApp(t, db, { identity });
    const response = await balie.inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL, bindingHash: BINDING_HASH },
    });
    assertApiError(response, 404, 'provider_unknown');
  });

  it('identifies the citizen with DigiD and keeps the BSN on the server', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const { response } = await loginAndCallback(balie, trail, { person: BSN });
    const { url, fragment } = returned(trail, response);
    assert.equal(url.origin + url.pathname + url.search, RETURN_URL);
    const code = fragment.get('balie-code')!;
    assert.match(code, /^[A-Za-z0-9_-]{43}$/);

    const exchanged = await exchange(balie, trail, code);
    assert.equal(exchanged.statusCode, 200, exchanged.body);
    const body = exchanged.json<ExchangeIdentityCodeResponse>();
    assert.deepEqual(body.identity, { levelOfAssurance: 'substantieel', provider: 'digid' });
    assert.match(body.session, /^[A-Za-z0-9_-]{43}$/);

    const login = await findSessionLogin(db, sha256Hex(body.session));
    assert.equal(login?.nationalNumber, BSN);
    for (const seen of [...trail.seen, ...logLines])
      assert.ok(!seen.includes(BSN), `BSN leaked in: ${seen}`);
  });

  it("asks for the code flow with PKCE S256, state, nonce, the product's level and scope openid only", async (t) => {
    const balie = app(t);
    const passport = (await start(balie, newTrail())).searchParams;
    assert.equal(passport.get('response_type'), 'code');
    assert.equal(passport.get('scope'), 'openid');
    assert.equal(passport.get('code_challenge_method'), 'S256');
    assert.match(passport.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((passport.get('state') ?? '').length >= 32);
    assert.ok((passport.get('nonce') ?? '').length >= 32);
    assert.equal(passport.get('acr_values'), 'urn:etoegang:core:assurance-class:loa3');
    assert.equal(passport.get('response_mode'), null);
    const licence = await start(balie, newTrail(), {
      provider: 'digid',
      product: 'rijbewijs',
      returnUrl: RETURN_URL,
    });
    assert.equal(licence.searchParams.get('acr_values'), LOA2PLUS);
  });

  for (const [name, change] of [
    ['PKCE "plain"', { code_challenge_method: 'plain' }],
    ['no PKCE at all', { code_challenge: '', code_challenge_method: '' }],
    ['the implicit flow', { response_type: 'id_token' }],
    ['the hybrid flow', { response_type: 'code id_token' }],
  ] as const) {
    it(`is served by a simulator that refuses ${name}`, async (t) => {
      const url = await start(app(t), newTrail());
      for (const [key, value] of Object.entries(change)) {
        if (value) url.searchParams.set(key, value);
        else url.searchParams.delete(key);
      }
      const response = await fetch(url, { redirect: 'manual' });
      const location = new URL(response.headers.get('location') ?? '', url);
      const answer = new URLSearchParams(location.search || location.hash.slice(1));
      assert.match(
        answer.get('error') ?? `status ${response.status}`,
        /^(invalid_request|unsupported_response_type|unauthorized_client)$/,
      );
    });
  }

  it('refuses a callback that carries an ID token in the front channel (hybrid)', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const callbackUrl = await atProvider(trail, await start(balie, trail));
    callbackUrl.searchParams.set('id_token', 'eyJhbGciOiJub25lIn0.e30.');
    await assertRefused(
      trail,
      await callback(balie, trail, callbackUrl),
      'provider_error',
      /implicit|hybrid|id_token|ID Token/i,
    );
  });

  it('sends the citizen back with "cancelled" when they cancel at DigiD', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const { response } = await loginAndCallback(balie, trail, { cancel: true });
    await assertRefused(trail, response, 'cancelled', /access_denied/);
  });

  it('sends the citizen back with "provider_error" when the provider answers with an error', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const authorizationUrl = await start(balie, trail);
    // prompt=none without a session at the provider: a real error redirect (login_required).
    authorizationUrl.searchParams.set('prompt', 'none');
    const callbackUrl = nextLocation(trail, authorizationUrl, await visit(trail, authorizationUrl));
    assert.ok(callbackUrl.href.startsWith(CALLBACK), callbackUrl.href);
    await assertRefused(
      trail,
      await callback(balie, trail, callbackUrl),
      'provider_error',
      /"login_required"/,
    );
  });

  it('refuses a callback for a login that took longer than ten minutes', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const callbackUrl = await atProvider(trail, await start(balie, trail));
    await db.exec(`UPDATE identity_flow SET expires_at = now() - interval '1 second'`);
    assertApiError(await callback(balie, trail, callbackUrl), 400, 'identity_state_invalid');
    assert.deepEqual(await storedLogins(), []);
  });

  it('refuses a lower level of assurance than the product needs', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const { response } = await loginAndCallback(balie, trail, { acr: LOA2PLUS });
    await assertRefused(trail, response, 'assurance_too_low', /asked for substantieel, got midden/);
  });

  for (const [fault, outcome, reason] of [
    ['wrong-nonce', 'provider_error', /"nonce"/],
    ['wrong-audience', 'provider_error', /"aud"/],
    ['wrong-issuer', 'provider_error', /"iss"/],
    ['bad-signature', 'provider_error', /signature/],
    ['expired', 'provider_error', /"exp"/],
    ['issued-in-future', 'provider_error', /"iat".*future/],
    ['lower-acr', 'assurance_too_low', /asked for substantieel, got basis/],
  ] as Array<[IdTokenFault, string, RegExp]>) {
    it(`refuses an ID token with ${fault.replaceAll('-', ' ')}`, async (t) => {
      const balie = app(t);
      const trail = newTrail();
      const authorizationUrl = await start(balie, trail);
      const callbackUrl = await atProvider(trail, authorizationUrl);
      digid.spoilNextIdToken(fault);
      await assertRefused(trail, await callback(balie, trail, callbackUrl), outcome, reason);
    });
  }

  it('refuses a callback without a state or with a state it never issued', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const callbackUrl = await atProvider(trail, await start(balie, trail));
    const withoutState = new URL(callbackUrl);
    withoutState.searchParams.delete('state');
    assertApiError(await callback(balie, trail, withoutState), 400, 'identity_state_invalid');
    const otherState = new URL(callbackUrl);
    otherState.searchParams.set('state', 'a-state-this-balie-never-issued');
    assertApiError(await callback(balie, trail, otherState), 400, 'identity_state_invalid');
    assert.deepEqual(await storedLogins(), []);
  });

  it('refuses a replayed callback', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const { callbackUrl, response } = await loginAndCallback(balie, trail);
    assert.ok(returned(trail, response).fragment.get('balie-code'));
    assertApiError(await callback(balie, trail, callbackUrl), 400, 'identity_state_used');
    assert.equal((await storedLogins()).length, 1);
  });

  it('refuses a replayed authorization code, even under a fresh state', async (t) => {
    const balie = app(t);
    const first = await loginAndCallback(balie, newTrail());
    assert.equal(first.response.statusCode, 303);
    const trail = newTrail();
    const second = await atProvider(trail, await start(balie, trail));
    second.searchParams.set('code', first.callbackUrl.searchParams.get('code')!);
    await db.exec('TRUNCATE identity_login CASCADE');
    await assertRefused(
      trail,
      await callback(balie, trail, second),
      'provider_error',
      /replayed code/,
    );
  });

  it('refuses a code from another login, which the PKCE verifier does not fit', async (t) => {
    const balie = app(t);
    const victim = await atProvider(newTrail(), await start(balie, newTrail()));
    const trail = newTrail();
    const attacker = await atProvider(trail, await start(balie, trail));
    attacker.searchParams.set('code', victim.searchParams.get('code')!);
    await assertRefused(
      trail,
      await callback(balie, trail, attacker),
      'provider_error',
      /refused the code: invalid_grant/,
    );
  });

  it('logs in only the browser that started the login, not one sent its return link (login CSRF, issue 14, #5)', async (t) => {
    const balie = app(t);
    const attacker = newTrail();
    const { response } = await loginAndCallback(balie, attacker, { person: BSN });
    const code = returned(attacker, response).fragment.get('balie-code')!;

    const victim = newTrail();
    const refused = await exchange(balie, victim, code);
    assert.match(assertApiError(refused, 403, 'identity_code_other_browser'), /started/);
    assert.equal(refused.headers['set-cookie'], undefined, 'the victim gets no session');
    const unbound = await balie.inject({ method: 'POST', url: '/api/identity/exchange', headers: JSON_TYPE, payload: { code } });
    assertApiError(unbound, 400, 'bad_request');

    const own = await exchange(balie, attacker, code);
    assert.equal(own.statusCode, 200, own.body);
  });

  it('starts no login without a browser binding (issue 14, #5)', async (t) => {
    const response = await app(t).inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: { provider: 'digid', product: 'paspoort', returnUrl: RETURN_URL },
    });
    assert.match(assertApiError(response, 400, 'bad_request'), /bindingHash/);
  });

  it('exchanges a one-time code once, and not after its minute', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const first = returned(trail, (await loginAndCallback(balie, trail)).response).fragment.get(
      'balie-code',
    )!;
    assert.equal((await exchange(balie, trail, first)).statusCode, 200);
    assertApiError(await exchange(balie, trail, first), 400, 'identity_code_used');

    const second = returned(
      trail,
      (await loginAndCallback(balie, newTrail())).response,
    ).fragment.get('balie-code')!;
    await db.exec(
      `UPDATE identity_handoff SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    assertApiError(await exchange(balie, trail, second), 410, 'identity_code_expired');
    assertApiError(await exchange(balie, trail, 'never-issued-code'), 400, 'identity_code_unknown');
  });

  for (const [name, returnUrl] of [
    ['another site', 'https://evil.example/paspoort'],
    ['a look-alike host', 'https://www.testdorp.nl.evil.example/paspoort'],
    ['credentials in the URL', 'https://www.testdorp.nl@evil.example/paspoort'],
    ['another page on the site', 'https://www.testdorp.nl/paspoort-nep'],
    ['plain http', 'http://www.testdorp.nl/paspoort'],
  ]) {
    it(`refuses a return URL on ${name}`, async (t) => {
      const response = await app(t).inject({
        method: 'POST',
        url: '/api/identity/start',
        headers: JSON_TYPE,
        payload: { provider: 'digid', product: 'paspoort', returnUrl, bindingHash: BINDING_HASH },
      });
      assertApiError(response, 400, 'return_url_not_allowed');
    });
  }

  it('accepts a return URL below an allowlisted folder', async (t) => {
    const url = await start(app(t), newTrail(), {
      provider: 'digid',
      product: 'paspoort',
      returnUrl: 'https://www.testdorp.nl/loket/paspoort',
    });
    assert.equal(url.origin, digid.issuer);
  });

  it('names an unknown provider or product precisely', async (t) => {
    const balie = app(t);
    const startWith = (payload: object) =>
      balie.inject({ method: 'POST', url: '/api/identity/start', headers: JSON_TYPE, payload: { bindingHash: BINDING_HASH, ...payload } });
    assertApiError(
      await startWith({ provider: 'eherkenning', product: 'paspoort', returnUrl: RETURN_URL }),
      404,
      'provider_unknown',
    );
    assertApiError(
      await startWith({ provider: 'digid', product: 'visvergunning', returnUrl: RETURN_URL }),
      404,
      'product_unknown',
    );
    assertApiError(await startWith({ provider: 'digid', product: 'paspoort' }), 400, 'bad_request');
  });

  it('identifies a Belgian citizen through the same code path', async (t) => {
    const balie = app(t);
    const trail = newTrail();
    const rrn = belgianProfile.persons[0]!.nationalNumber;
    const { response } = await loginAndCallback(
      balie,
      trail,
      { person: rrn },
      { provider: 'itsme', product: 'paspoort', returnUrl: RETURN_URL },
    );
    const code = returned(trail, response).fragment.get('balie-code')!;
    const body = (await exchange(balie, trail, code)).json<ExchangeIdentityCodeResponse>();
    assert.deepEqual(body.identity, { levelOfAssurance: 'substantieel', provider: 'itsme' });
    assert.equal((await findSessionLogin(db, sha256Hex(body.session)))?.nationalNumber, rrn);
    for (const seen of [...trail.seen, ...logLines])
      assert.ok(!seen.includes(rrn), `RRN leaked in: ${seen}`);
  });

  it('leaves old logins, flows and codes to the retention purge: starting a login deletes nothing', async (t) => {
    const balie = app(t);
    await db.exec(
      `INSERT INTO identity_flow (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at)
         VALUES ('expired', 'digid', 'paspoort', '${RETURN_URL}', 'substantieel', 'n', 'v', now() - interval '2 hours');
       INSERT INTO identity_used_code (code_hash, used_at) VALUES ('old', now() - interval '2 days');
       INSERT INTO identity_login (provider, national_number, level_of_assurance, created_at)
         VALUES ('digid', '${BSN}', 'substantieel', now() - interval '2 days');`,
    );
    await start(balie, newTrail());
    const left = async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM identity_flow WHERE state_hash = 'expired')
              + (SELECT count(*) FROM identity_used_code) + (SELECT count(*) FROM identity_login) AS n`,
      );
      return Number(rows[0]!.n);
    };
    assert.equal(await left(), 3, 'the route deleted nothing on the side');
    const counts = await purgeExpiredData(db);
    assert.deepEqual([counts.oidcFlows, counts.oidcUsedCodes, counts.identityLogins], [1, 1, 1]);
    assert.equal(await left(), 0);
  });

  it('has no identity routes when no identity providers are configured', async (t) => {
    const response = await testApp(t, db).inject({
      method: 'POST',
      url: '/api/identity/start',
      headers: JSON_TYPE,
      payload: {},
    });
    assert.equal(response.statusCode, 404);
  });
});
