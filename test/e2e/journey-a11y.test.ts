import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { voorbeeldstadConfig } from '../../demo/stack.js';
import { newCitizen } from './support/booking-journey.js';
import { wcag22Tags } from './support/phone.js';
import { useStack } from './support/use-stack.js';

/**
 * WCAG 2.2 AA (axe's wcag2a … wcag22aa rules and best practices) at every stage of booking, on a 320 px wide phone (1.4.10 Reflow: the same as 400 %
 * zoom of a 1280 px window) with reduced motion asked for.
 */
async function checkStage(page: Page, stage: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcag22Tags).include('digitale-balie').analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, [], `axe violations at ${stage}`);
  const overflow = await page.evaluate(
    '({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })',
  );
  assert.deepEqual(
    (overflow as { page: number; viewport: number }).page,
    (overflow as { page: number; viewport: number }).viewport,
    `${stage} scrolls sideways at 320 px`,
  );
}

describe('booking at 320 px, by every stage (issues #4 and #18, WCAG 2.2 AA)', () => {
  const fixture = useStack({ configFile: voorbeeldstadConfig });

  it('has no axe violations and no sideways scrolling at any stage', async () => {
    const context = await fixture.chromium.browser.newContext({
      viewport: { width: 320, height: 640 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const citizen = newCitizen('a11y');
    await page.goto(`${fixture.stack.siteUrl}/paspoort.html`);
    await page.getByRole('button', { name: 'Videobellen' }).waitFor();
    await checkStage(page, 'launcher');
    await page.getByRole('button', { name: 'Videobellen' }).click();
    await page.getByRole('heading', { name: 'Hoe wilt u met ons praten?' }).waitFor();
    await checkStage(page, 'mode choice');
    await page.getByRole('button', { name: /^Afspraak maken/ }).click();
    await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().waitFor();
    await checkStage(page, 'slot picker');
    await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().click();
    await page.getByRole('heading', { name: 'Uw gegevens', exact: true }).waitFor();
    await checkStage(page, 'details');
    await page.getByRole('button', { name: 'Verder naar inloggen' }).click();
    await page.getByText('Vul uw naam in.').first().waitFor();
    await checkStage(page, 'details with errors');
    await page.getByLabel('Uw naam').fill(citizen.name);
    await page.getByLabel('Uw e-mailadres').fill(citizen.email);
    await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
    await page.getByRole('button', { name: 'Verder naar inloggen' }).click();
    await page.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor();
    await checkStage(page, 'identity choice');
    await page.getByRole('button', { name: 'Inloggen met DigiD' }).click();
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor();
    await checkStage(page, 'confirmation');
    await context.close();
  });
});
