import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Stack } from '../../demo/stack.js';
import { mailTo, manageLink, newCitizen } from './support/booking-journey.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { newPhone, wcag22Violations } from './support/phone.js';
import { useStack } from './support/use-stack.js';

/**
 * Appointments around the clock (15 minutes, the waiting room open an hour early), DigiD
 * Substantieel: the first free time is joinable at once, whatever hour the test runs.
 */
const configFile = fileURLToPath(new URL('../fixtures/config-console.json', import.meta.url));
const WAIT = { timeout: 60_000 };

/** Phone sizes in portrait: a common Android phone, and the 320 CSS px of WCAG's reflow. */
const phones = [
  { viewport: { width: 412, height: 839 }, screen: { width: 412, height: 915 } },
  { viewport: { width: 320, height: 640 }, screen: { width: 320, height: 712 } },
];

/**
 * axe (wcag2a … wcag22aa and best practices) on the whole page, and nothing scrolls sideways. The
 * count is printed, so a run gives the per-stage figures for the accessibility statement.
 */
async function auditStage(page: Page, stage: string, audited: string[]): Promise<void> {
  const violations = await wcag22Violations(page);
  const width = await page.evaluate(() => window.innerWidth);
  console.log(`axe wcag22aa, booking on a phone at ${width} px, ${stage}: ${violations.length} violations`);
  assert.deepEqual(violations, [], `axe WCAG 2.2 AA violations at ${stage} (${width} px)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${stage} scrolls ${overflow} px sideways at ${width} px`);
  audited.push(stage);
}

/** On the DigiD simulator (not ours, so not audited): log in as the first person, by tap. */
async function digidByTap(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor(WAIT);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).tap();
}

/** The employee signs in with the municipality's account (Fatima, medewerker). */
async function employeeSignsIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.consoleUrl);
  await page.getByRole('link', { name: 'Inloggen met uw gemeente-account' }).click();
  await page.getByLabel('Fatima (medewerker)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Videobalie' }).waitFor(WAIT);
}

describe('the booking journey on a phone (issue #18)', () => {
  const fixture = useStack({ configFile });

  /** Books on `phone` by tap, comes back through the mail's link, has the call and the feedback. */
  async function bookOnAPhone({ viewport, screen }: (typeof phones)[number]): Promise<void> {
    const { stack, chromium } = fixture;
    const phone = await newPhone(chromium.browser, { viewport, screen });
    const employeeContext = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const citizen = phone.page;
    const employee = await employeeContext.newPage();
    const person = newCitizen(`phone-${viewport.width}`);
    const audited: string[] = [];
    try {
      await citizen.goto(`${stack.siteUrl}/paspoort.html`);
      await citizen.getByRole('button', { name: 'Videobellen' }).waitFor(WAIT);
      await auditStage(citizen, 'launcher', audited);
      await citizen.getByRole('button', { name: 'Videobellen' }).tap();
      await citizen.getByRole('heading', { name: 'Hoe wilt u met ons praten?' }).waitFor(WAIT);
      await auditStage(citizen, 'mode choice', audited);
      await citizen.getByRole('button', { name: /^Afspraak maken/ }).tap();
      await citizen.getByRole('heading', { name: 'Kies een dag en tijd' }).waitFor(WAIT);
      const slot = citizen.getByRole('button', { name: /^\d\d:\d\d$/ }).first();
      await slot.waitFor(WAIT);
      await auditStage(citizen, 'slot picker', audited);
      await slot.tap();
      await citizen.getByRole('heading', { name: 'Uw gegevens', exact: true }).waitFor(WAIT);
      await auditStage(citizen, 'details', audited);
      await citizen.getByRole('button', { name: 'Verder naar inloggen' }).tap();
      await citizen.getByText('Vul uw naam in.').first().waitFor(WAIT);
      await auditStage(citizen, 'details with errors', audited);
      // The on-screen keyboard types into the field the thumb tapped.
      await citizen.getByLabel('Uw naam').tap();
      await citizen.keyboard.type(person.name);
      await citizen.getByLabel('Uw e-mailadres').tap();
      await citizen.keyboard.type(person.email);
      await citizen.getByRole('checkbox', { name: 'Ik ga akkoord' }).tap();
      await citizen.getByRole('button', { name: 'Verder naar inloggen' }).tap();
      await citizen.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor(WAIT);
      await auditStage(citizen, 'identity choice', audited);
      await citizen.getByRole('button', { name: 'Inloggen met DigiD' }).tap();
      await digidByTap(citizen);
      await citizen.getByRole('heading', { name: 'Uw afspraak staat vast' }).waitFor(WAIT);
      await auditStage(citizen, 'confirmation', audited);

      // The mail's link, opened on the phone: the appointment, into the waiting room.
      const link = manageLink(await mailTo(stack, person.email, /^Uw video-afspraak met /));
      // A link in a mail opens anew (a tab of its own), not as a jump on the page already open.
      await citizen.goto('about:blank');
      await citizen.goto(link);
      await citizen.getByRole('heading', { name: 'Uw afspraak', exact: true }).waitFor(WAIT);
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).waitFor(WAIT);
      await auditStage(citizen, 'appointment from the mail', audited);
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).tap();
      // The mail's link is no login: DigiD again, as the same person (single sign-on may skip the page).
      await citizen.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor(WAIT);
      await citizen.getByRole('button', { name: 'Inloggen met DigiD' }).tap();
      const simulator = citizen.getByRole('heading', { name: 'DigiD (simulator)' });
      const cameraCheck = citizen.getByRole('heading', { name: 'Controleer uw camera en microfoon' });
      await simulator.or(cameraCheck).waitFor(WAIT);
      if (await simulator.isVisible()) await digidByTap(citizen);
      await cameraCheck.waitFor(WAIT);
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).waitFor(WAIT);
      await auditStage(citizen, 'camera check', audited);
      await citizen.getByRole('button', { name: 'Naar de wachtkamer' }).tap();
      await citizen.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor(WAIT);
      await citizen.getByText('U bent de volgende').waitFor(WAIT);
      await auditStage(citizen, 'waiting room', audited);

      // Admitted: the call, seen and heard on the phone.
      await employeeSignsIn(employee, stack);
      const admit = employee.getByRole('listitem').filter({ hasText: 'afspraak' }).getByRole('button', { name: /^Toelaten/ });
      await admit.click(WAIT);
      await pollUntil(() => probeRemoteMedia(citizen), (p) => p.framesDecoded > 0 && p.videoWidth > 0, 'the employee on the phone', 60_000);
      await pollUntil(() => probeRemoteMedia(employee), (p) => p.framesDecoded > 0, 'the citizen at the console', 60_000);
      await auditStage(citizen, 'call', audited);

      // And back out, by tap: hang up, answer the one question.
      await citizen.getByRole('button', { name: 'Ophangen' }).tap();
      await citizen.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor(WAIT);
      await auditStage(citizen, 'call ended, feedback question', audited);
      await citizen.getByRole('group', { name: 'Hoe was het gesprek?' }).getByText('Goed', { exact: true }).tap();
      await citizen.getByRole('button', { name: 'Versturen' }).tap();
      await citizen.getByText('Bedankt voor uw mening.').waitFor(WAIT);
      await auditStage(citizen, 'feedback sent', audited);
      assert.equal(audited.length, 13, `every stage audited: ${audited.join(', ')}`);
    } finally {
      await phone.context.close();
      await employeeContext.close();
    }
  }

  it("by tap in portrait at a phone 412 px wide: books with DigiD, comes back through the mail's link, the call and the feedback, axe clean at every stage", () =>
    bookOnAPhone(phones[0]!));
  it("by tap in portrait at 320 CSS px: books with DigiD, comes back through the mail's link, the call and the feedback, axe clean at every stage", () =>
    bookOnAPhone(phones[1]!));
});
