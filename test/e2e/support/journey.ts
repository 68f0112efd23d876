import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Stack } from '../../../demo/stack.js';
import { pollUntil, probeRemoteMedia } from './call-probe.js';

/** The citizen on the product page: Videobellen, the camera check, into the waiting room. */
export async function citizenEntersWaitingRoom(page: Page, stack: Stack): Promise<void> {
  await page.goto(`${stack.siteUrl}/paspoort.html`);
  await page.getByRole('button', { name: 'Videobellen' }).click();
  await page.getByRole('heading', { name: 'Controleer uw camera en microfoon' }).waitFor();
  await page.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
  await page.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor();
}

/** The employee opens the console and signs in with the access code. */
export async function employeeSignsIn(page: Page, stack: Pick<Stack, 'consoleUrl' | 'consoleAccessCode'>): Promise<void> {
  await page.goto(stack.consoleUrl);
  await page.getByLabel('Toegangscode').fill(stack.consoleAccessCode);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Videobalie' }).waitFor();
}

export interface CallPair {
  citizen: Page;
  employee: Page;
  close(): Promise<void>;
}

/** A citizen and an employee in a call, each seeing the other's camera. */
export async function startCall(browser: Browser, stack: Stack): Promise<CallPair> {
  const contexts: BrowserContext[] = [await browser.newContext(), await browser.newContext()];
  const [citizen, employee] = await Promise.all(contexts.map((c) => c.newPage()));
  await citizenEntersWaitingRoom(citizen, stack);
  await employeeSignsIn(employee, stack);
  await employee.getByRole('button', { name: /Toelaten/ }).first().click();
  for (const page of [citizen, employee]) {
    await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0, 'remote camera');
  }
  return { citizen, employee, close: async () => void (await Promise.all(contexts.map((c) => c.close()))) };
}
