import type { Page } from 'playwright-core';
import type { Stack } from '../../../demo/stack.js';

/** What the citizen fills in; the e-mail address is unique per test so its mail can be found. */
export interface Citizen {
  name: string;
  email: string;
}

export function newCitizen(tag: string): Citizen {
  return { name: 'Suzanne Moulin', email: `suzanne.${tag}.${Date.now()}@example.nl` };
}

/**
 * Records the widget's host events on `window.__balieEvents`. An init script, so it runs before
 * the page's own scripts and survives the DigiD round trip; CDP-injected, so the page's strict
 * CSP does not apply to it.
 */
export async function recordHostEvents(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    window.__balieEvents = [];
    for (const type of ['balie-booked', 'balie-identified', 'balie-booking-cancelled', 'balie-error']) {
      document.addEventListener(type, (event) => window.__balieEvents.push({ type, detail: event.detail }));
    }
  })()`);
}

export async function hostEvents(page: Page): Promise<{ type: string; detail: Record<string, unknown> }[]> {
  return page.evaluate('window.__balieEvents');
}

/** Every body the page received from the balie server (event streams left out). */
export function recordBalieResponses(page: Page, balieUrl: string): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(balieUrl) || response.url().includes('/events')) return;
    bodies.push(await response.text().catch(() => ''));
  });
  return bodies;
}

/**
 * From the product page to the DigiD login page: Videobellen → Afspraak maken → the first free
 * time → name, e-mail and consent → Inloggen met DigiD. Returns the time picked, as shown.
 */
export async function citizenBooksUntilLogin(page: Page, stack: Stack, citizen: Citizen): Promise<string> {
  await page.goto(`${stack.siteUrl}/paspoort.html`);
  const time = await citizenFillsIn(page, citizen);
  await page.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor();
  await page.getByRole('button', { name: 'Inloggen met DigiD' }).click();
  await page.getByRole('heading', { name: 'DigiD (simulator)' }).waitFor();
  return time;
}

/**
 * On the product page: Videobellen → Afspraak maken → the first free time → name, e-mail and
 * consent → Verder naar inloggen. Returns the time picked, as shown.
 */
export async function citizenFillsIn(page: Page, citizen: Citizen): Promise<string> {
  await page.getByRole('button', { name: 'Videobellen' }).click();
  await page.getByRole('heading', { name: 'Hoe wilt u met ons praten?' }).waitFor();
  await page.getByRole('button', { name: /^Afspraak maken/ }).click();
  await page.getByRole('heading', { name: 'Kies een dag en tijd' }).waitFor();
  const slot = page.getByRole('button', { name: /^\d\d:\d\d$/ }).first();
  const time = (await slot.textContent())!.trim();
  await slot.click();
  await page.getByRole('heading', { name: 'Uw gegevens', exact: true }).waitFor();
  await page.getByLabel('Uw naam').fill(citizen.name);
  await page.getByLabel('Uw e-mailadres').fill(citizen.email);
  await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
  await page.getByRole('button', { name: 'Verder naar inloggen' }).click();
  return time;
}

/** Waits for the mail to `email` whose subject matches, and returns its text. */
export async function mailTo(stack: Stack, email: string, subject: RegExp, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const mail = stack.mailbox.messages.find(
      (m) => JSON.stringify(m.to ?? '').includes(email) && subject.test(m.subject ?? ''),
    );
    if (mail) return mail.text ?? '';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seen = stack.mailbox.messages.map((m) => m.subject).join(' | ') || 'none';
  throw new Error(`no mail to ${email} with subject ${subject} within ${timeoutMs} ms (seen: ${seen})`);
}

/** The manage link in a confirmation mail. */
export function manageLink(mailText: string): string {
  const link = /https?:\/\/\S+#balie-afspraak=[\w-]+/.exec(mailText)?.[0];
  if (!link) throw new Error(`no manage link in the mail:\n${mailText}`);
  return link;
}

// Plain JavaScript (see call-probe.ts): the accessible-ish name of the element that has focus,
// through open shadow roots.
const focusedNameScript = `(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return '';
  const labelled = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent);
  return String(labelled || el.textContent || el.value || '').replace(/\\s+/g, ' ').trim();
})()`;

export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(focusedNameScript);
}

/** Presses Tab until the focused element's name matches, as a keyboard user scans a page. */
export async function tabTo(page: Page, name: RegExp, maxPresses = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(`Tab never reached ${name}; focus went through: ${seen.join(' → ')}`);
}
