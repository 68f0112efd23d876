import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startDemoEmployeeLogin } from '../../demo/digid-simulator/demo-employees.js';
import type { DigidSimulator } from '../../demo/digid-simulator/index.js';
import { loadConfig } from '../../demo/stack.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { openStore, type Db } from '../../src/server/store/index.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { chromiumPath } from './support/provisioned.js';
import { freePort } from '../../demo/free-port.js';


/** On the console page: the municipality's login, then a person on the provider's page. */
async function signInAs(page: Page, consoleUrl: string, person: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByRole('link', { name: 'Inloggen met uw gemeente-account' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname === '/medewerker/');
}

describe("the console: employees sign in with the municipality's account", () => {
  let db: Db;
  let server: RunningServer;
  let provider: DigidSimulator;
  let chromium: TestBrowser;
  let browser: Browser;
  let consoleUrl: string;

  before(async () => {
    await chromiumPath();
    const port = await freePort();
    const { simulator, employeeLogin } = await startDemoEmployeeLogin(`http://127.0.0.1:${port}/api/console/login/callback`);
    provider = simulator;
    db = await openStore();
    server = await startServer({
      port,
      config: await loadConfig(fileURLToPath(new URL('../../demo/config/voorbeeldstad.json', import.meta.url))),
      db,
      livekit: { url: 'ws://127.0.0.1:1', apiKey: 'e2e', apiSecret: 'e2e-secret-of-at-least-thirty-two-characters' },
      allowedOrigins: [],
      employeeLogin,
      staticDir: fileURLToPath(new URL('../../dist/', import.meta.url)),
    });
    consoleUrl = `${server.url}/medewerker/`;
    chromium = await launchChromium();
    browser = chromium.browser;
  });

  after(async () => {
    await chromium?.close();
    await server?.close();
    await db?.close();
    await provider?.close();
  });

  it('Fatima signs in and sees the queue; her session cookie is __Host-, Secure, HttpOnly, Strict', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, consoleUrl, 'Fatima (medewerker)');
    await page.getByRole('heading', { name: 'Videobalie' }).waitFor();
    await page.getByText('Ingelogd als Fatima (medewerker)').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cijfers' }).count(), 0, 'no figures for a medewerker');
    // Cookies ignore ports: the provider's own cookies on 127.0.0.1 are in the same jar.
    const cookies = (await context.cookies(server.url)).filter((c) => c.name.startsWith('__Host-balie'));
    assert.deepEqual(
      cookies.map(({ name, secure, httpOnly, sameSite, path }) => ({ name, secure, httpOnly, sameSite, path })),
      [{ name: '__Host-balie_console', secure: true, httpOnly: true, sameSite: 'Strict', path: '/' }],
    );
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen als medewerker' }).waitFor();
    await context.close();
  });

  it('Ingrid, without a console role, is told why she cannot come in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, consoleUrl, 'Ingrid (geen balierol)');
    await page.getByRole('alert').getByText('Uw account heeft geen toegang tot de videobalie').waitFor();
    assert.equal(new URL(page.url()).search, '', 'the reason is taken out of the address bar');
    await context.close();
  });

  it('Bert, beheerder, sees the figures at 1280 px and downloads the CSV', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, consoleUrl, 'Bert (beheerder)');
    await page.getByRole('button', { name: 'Cijfers' }).click();
    await page.getByRole('heading', { name: 'Cijfers' }).waitFor();
    await page.getByRole('img', { name: 'Gesprekken per dag' }).waitFor();
    await page.getByRole('img', { name: 'Gesprekken per product' }).waitFor();
    const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth');
    assert.equal(overflow, 0, 'nothing sticks out at 1280 px');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Cijfers downloaden (CSV)' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^cijfers-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    await context.close();
  });
});
