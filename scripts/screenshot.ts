/**
 * Makes docs/screenshot.png for the README: the real stack, a citizen in a call on the
 * Voorbeeldstad product page beside the employee console. `node --import tsx scripts/screenshot.ts`
 * after `npm run build`.
 */
import { fileURLToPath } from 'node:url';
import { startStack } from '../demo/stack.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { pollUntil, probeRemoteMedia } from '../test/e2e/support/call-probe.js';
import { chromiumPath, livekitBin } from '../test/e2e/support/provisioned.js';

await chromiumPath();
const stack = await startStack({ livekitBin: await livekitBin() });
const chromium = await launchChromium();
try {
  const citizen = await (await chromium.browser.newContext({ viewport: { width: 760, height: 900 } })).newPage();
  const employee = await (await chromium.browser.newContext({ viewport: { width: 760, height: 900 } })).newPage();
  await citizen.goto(`${stack.siteUrl}/paspoort.html`);
  await citizen.getByRole('button', { name: 'Videobellen' }).click();
  await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).click();
  await employee.goto(stack.consoleUrl);
  await employee.getByLabel('Toegangscode').fill(stack.consoleAccessCode);
  await employee.getByRole('button', { name: 'Inloggen' }).click();
  await employee.getByRole('button', { name: /Toelaten/ }).click();
  for (const page of [citizen, employee]) {
    await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 30, 'video');
  }
  const out = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
  await citizen.screenshot({ path: out('screenshot-citizen.png') });
  await employee.screenshot({ path: out('screenshot-employee.png') });
} finally {
  await chromium.close();
  await stack.close();
}
