import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before } from 'node:test';
import { startDemoEmployeeLogin } from '../../demo/digid-simulator/demo-employees.js';
import { employeeProfile, type DigidSimulator } from '../../demo/digid-simulator/index.js';
import type { EmployeeLoginOptions } from '../../src/server/console/employee-login.js';
import { visitWithCookies } from './cookie-visit.js';

/** The balie's employee callback as registered at the simulator; tests inject its path. */
export const EMPLOYEE_CALLBACK = 'http://balie.test/api/console/login/callback';

/** The simulated municipal provider with its staff (Fatima, Kees, Bert, Ingrid). */
export async function startEmployeeProvider(): Promise<{
  simulator: DigidSimulator;
  login: EmployeeLoginOptions;
}> {
  const { simulator, employeeLogin } = await startDemoEmployeeLogin(EMPLOYEE_CALLBACK);
  return { simulator, login: employeeLogin };
}

/**
 * Starts {@link startEmployeeProvider} before the suite's tests and stops it after them. Read the
 * fields inside tests: the `before` hook sets them.
 */
export function useEmployeeProvider(): { simulator: DigidSimulator; login: EmployeeLoginOptions } {
  const provider = {} as { simulator: DigidSimulator; login: EmployeeLoginOptions };
  before(async () => {
    Object.assign(provider, await startEmployeeProvider());
  });
  after(() => provider.simulator?.close());
  return provider;
}

/** A browser's cookies at the provider and at the balie, kept apart as a browser keeps them. */
export class EmployeeBrowser {
  readonly providerCookies = new Map<string, string>();
  readonly balieCookies = new Map<string, string>();

  /** The `Cookie` header the balie gets from this browser. */
  balieCookie(): string {
    return [...this.balieCookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Keeps the balie's `Set-Cookie`s, forgetting cleared ones. */
  keepBalieCookies(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (/Max-Age=0/.test(line)) this.balieCookies.delete(name);
      else this.balieCookies.set(name, value);
    }
  }

  /** A request to the provider with its cookies, redirects not followed. */
  visit(url: URL, form?: Record<string, string>): Promise<Response> {
    return visitWithCookies(this.providerCookies, url, form);
  }
}

function location(from: URL, response: { status?: number; statusCode?: number; headers: unknown }): URL {
  const status = response.status ?? response.statusCode;
  assert.ok(status === 302 || status === 303, `expected a redirect from ${from.href}, got ${status}`);
  const headers = response.headers as Headers | Record<string, string>;
  const value = headers instanceof Headers ? headers.get('location') : headers.location;
  return new URL(String(value), from);
}

/** `GET /api/console/login` in this browser: the provider's authorization URL. */
export async function startEmployeeLogin(app: FastifyInstance, browser: EmployeeBrowser): Promise<URL> {
  const response = await app.inject({ url: '/api/console/login', headers: { cookie: browser.balieCookie() } });
  browser.keepBalieCookies(response.headers['set-cookie']);
  return location(new URL('http://balie.test/api/console/login'), response);
}

/**
 * At the provider: pick the person whose label starts with `who` (or cancel), and follow the
 * redirects up to the balie's callback URL.
 */
export async function atEmployeeProvider(
  browser: EmployeeBrowser,
  authorizationUrl: URL,
  who: string | 'cancel',
): Promise<URL> {
  const loginPage = location(authorizationUrl, await browser.visit(authorizationUrl));
  const html = await (await browser.visit(loginPage)).text();
  const person = employeeProfile.persons.find((p) => p.label.startsWith(who));
  const acr = /<option value="([^"]+)" selected>/.exec(html)![1]!;
  const action = new URL(`${loginPage.pathname}/${who === 'cancel' ? 'abort' : 'login'}`, loginPage);
  let url = location(action, await browser.visit(action, { person: person?.nationalNumber ?? '', acr }));
  while (!url.href.startsWith(EMPLOYEE_CALLBACK)) url = location(url, await browser.visit(url));
  return url;
}

/** The balie's answer to the callback, in this browser. */
export async function employeeCallback(app: FastifyInstance, browser: EmployeeBrowser, url: URL) {
  const response = await app.inject({
    url: url.pathname + url.search,
    headers: { cookie: browser.balieCookie() },
  });
  browser.keepBalieCookies(response.headers['set-cookie']);
  return response;
}

/** The whole login; returns the console session's `Cookie` header. */
export async function employeeSignsIn(app: FastifyInstance, who: string): Promise<string> {
  const browser = new EmployeeBrowser();
  const callbackUrl = await atEmployeeProvider(browser, await startEmployeeLogin(app, browser), who);
  const response = await employeeCallback(app, browser, callbackUrl);
  assert.equal(response.headers.location, '/medewerker/', `${who} was not signed in`);
  return browser.balieCookie();
}
