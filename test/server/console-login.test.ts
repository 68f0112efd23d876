import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsoleSessionResponse } from '../../src/protocol/index.js';
import { assertApiError, takeTicket, testApp, useTestStore } from './helpers.js';
import {
  EmployeeBrowser,
  atEmployeeProvider,
  employeeCallback,
  employeeSignsIn,
  startEmployeeLogin,
  useEmployeeProvider,
} from './employee-login-support.js';

describe("employees sign in at the municipality's provider (OIDC)", () => {
  const db = useTestStore();
  const provider = useEmployeeProvider();
  let logLines: string[] = [];

  function app(t: Parameters<typeof testApp>[0]) {
    logLines = [];
    return testApp(t, db, {
      employeeLogin: provider.login,
      consoleAccessCode: undefined,
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } },
    });
  }

  async function whoIs(balie: ReturnType<typeof app>, cookie: string) {
    const response = await balie.inject({ url: '/api/console/session', headers: { cookie } });
    return response.statusCode === 200 ? response.json<ConsoleSessionResponse>().employee : undefined;
  }

  it('starts a code flow with PKCE, state and nonce, bound to this browser', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const url = await startEmployeeLogin(balie, browser);
    assert.equal(url.origin, provider.simulator.issuer);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('scope'), 'openid');
    for (const name of ['state', 'nonce', 'code_challenge']) assert.ok(url.searchParams.get(name));
    const binding = [...browser.balieCookies.keys()];
    assert.deepEqual(binding, ['__Host-balie_login']);
  });

  it('signs Fatima in as medewerker with a __Host- cookie, Secure, HttpOnly, SameSite=Strict', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Fatima');
    const response = await employeeCallback(balie, browser, callbackUrl);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/medewerker/');
    const setCookie = [response.headers['set-cookie']].flat().join('\n');
    assert.match(
      setCookie,
      /^__Host-balie_console=[A-Za-z0-9_-]{43}; Secure; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/m,
    );
    assert.match(setCookie, /^__Host-balie_login=; .*Max-Age=0$/m, 'the login binding is cleared');
    const employee = await whoIs(balie, browser.balieCookie());
    assert.equal(employee?.role, 'medewerker');
    assert.equal(employee?.name, 'Fatima');
    assert.match(employee!.id, /^[0-9a-f]{32}$/, "the provider's opaque sub, not a staff number");
  });

  it('signs Bert in as beheerder', async (t) => {
    const balie = app(t);
    const employee = await whoIs(balie, await employeeSignsIn(balie, 'Bert'));
    assert.equal(employee?.role, 'beheerder');
  });

  it('gives no session to an account without a console role, and says why', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Ingrid');
    const response = await employeeCallback(balie, browser, callbackUrl);
    assert.equal(response.headers.location, '/medewerker/?inlogfout=no_role');
    assert.equal(browser.balieCookies.has('__Host-balie_console'), false);
  });

  it('says "cancelled" when the employee cancels at the provider', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'cancel');
    const response = await employeeCallback(balie, browser, callbackUrl);
    assert.equal(response.headers.location, '/medewerker/?inlogfout=cancelled');
  });

  it('refuses a replayed callback', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Fatima');
    const login = new EmployeeBrowser();
    login.balieCookies.set('__Host-balie_login', browser.balieCookies.get('__Host-balie_login')!);
    assert.equal((await employeeCallback(balie, browser, callbackUrl)).headers.location, '/medewerker/');
    const replay = await employeeCallback(balie, login, callbackUrl);
    assert.equal(replay.headers.location, '/medewerker/?inlogfout=failed');
    assert.equal(login.balieCookies.has('__Host-balie_console'), false);
  });

  it("refuses a login finished in another browser (login CSRF)", async (t) => {
    const balie = app(t);
    const attacker = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(attacker, await startEmployeeLogin(balie, attacker), 'Bert');
    const victim = new EmployeeBrowser();
    await startEmployeeLogin(balie, victim); // the victim has a login cookie of their own
    const response = await employeeCallback(balie, victim, callbackUrl);
    assert.equal(response.headers.location, '/medewerker/?inlogfout=failed');
    assert.equal(victim.balieCookies.has('__Host-balie_console'), false);
  });

  it('refuses an ID token with a wrong audience', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Bert');
    provider.simulator.spoilNextIdToken('wrong-audience');
    const response = await employeeCallback(balie, browser, callbackUrl);
    assert.equal(response.headers.location, '/medewerker/?inlogfout=failed');
    assert.ok(logLines.some((line) => /employee login refused/.test(line) && /aud/.test(line)));
  });

  it('gives a new session id at every login and ends the one the browser had', async (t) => {
    const balie = app(t);
    const browser = new EmployeeBrowser();
    const first = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Fatima');
    await employeeCallback(balie, browser, first);
    const before = browser.balieCookie();
    browser.providerCookies.clear();
    const second = await atEmployeeProvider(browser, await startEmployeeLogin(balie, browser), 'Kees');
    await employeeCallback(balie, browser, second);
    const now = browser.balieCookie();
    assert.notEqual(now, before);
    assert.equal(await whoIs(balie, before), undefined, 'the old session is dead on the server');
    assert.equal((await whoIs(balie, now))?.name, 'Kees');
  });

  it('ends the session on the server at sign-out', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const out = await balie.inject({ method: 'DELETE', url: '/api/console/session', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    assert.equal(await whoIs(balie, cookie), undefined);
  });

  it('turns the access code off when none is configured', async (t) => {
    const balie = app(t);
    const options = await balie.inject({ url: '/api/console/login-options' });
    assert.deepEqual(options.json(), { oidc: true, accessCode: false });
    const response = await balie.inject({
      method: 'POST',
      url: '/api/console/session',
      headers: { 'content-type': 'application/json' },
      payload: { accessCode: '' },
    });
    assertApiError(response, 404, 'not_found');
  });

  it('refuses a write from another origin, even with the cookie', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const { ticket } = await takeTicket(balie);
    const response = await balie.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: {},
    });
    assertApiError(response, 403, 'forbidden');
    const opaque = await balie.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: { cookie, 'content-type': 'application/json', origin: 'null' },
      payload: {},
    });
    assertApiError(opaque, 403, 'forbidden');
    const same = await balie.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost:80' },
      payload: {},
    });
    assert.equal(same.statusCode, 200, same.body);
  });
});
