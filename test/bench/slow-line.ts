import type { Page } from 'playwright-core';
import { probeRemoteMedia } from '../e2e/support/call-probe.js';
import { newPhone, slowMobileLine, throttle } from '../e2e/support/phone.js';
import type { BrowserBench } from './support/browser-stack.js';
import { median, round } from './support/stats.js';

const FIRST_AUDIO_TIMEOUT_MS = 60_000;

/** One call on a slow line: from the employee's "Toelaten" until each side received sound. */
interface SlowLineSample {
  /** The citizen's page has audio bytes from the employee. */
  citizenHearsMs: number;
  /** The employee's page has audio bytes from the citizen. */
  employeeHearsMs: number;
  /** The citizen reads "Uw verbinding is traag" (LiveKit's connection quality); null if never. */
  slowNoticeMs: number | null;
}

export interface SlowLineResult {
  line: typeof slowMobileLine;
  runs: number;
  citizenHearsP50Ms: number | null;
  employeeHearsP50Ms: number | null;
  samples: SlowLineSample[];
}

async function firstAudioAt(page: Page): Promise<number> {
  const deadline = Date.now() + FIRST_AUDIO_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await probeRemoteMedia(page)).audioBytes > 0) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no audio within ${FIRST_AUDIO_TIMEOUT_MS} ms`);
}

async function oneCall(bench: BrowserBench): Promise<SlowLineSample> {
  const { stack, chromium } = bench;
  const phone = await newPhone(chromium.browser);
  const employeeContext = await chromium.browser.newContext();
  try {
    const citizen = phone.page;
    await throttle(citizen);
    await citizen.goto(`${stack.siteUrl}/paspoort.html`);
    await citizen.getByRole('button', { name: 'Videobellen' }).tap();
    await citizen.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).tap();
    await citizen.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor({ timeout: 30_000 });
    const employee = await employeeContext.newPage();
    await employee.goto(stack.consoleUrl);
    await employee.getByLabel('Toegangscode').fill(stack.consoleAccessCode);
    await employee.getByRole('button', { name: 'Inloggen' }).click();
    const admit = employee.getByRole('button', { name: /Toelaten/ });
    await admit.waitFor({ timeout: 30_000 });
    const admittedAt = Date.now();
    await admit.click();
    const notice = citizen
      .getByText('Uw verbinding is traag')
      .waitFor({ timeout: FIRST_AUDIO_TIMEOUT_MS })
      .then(() => Date.now() - admittedAt, () => null);
    const [citizenAt, employeeAt] = await Promise.all([firstAudioAt(citizen), firstAudioAt(employee)]);
    return { citizenHearsMs: citizenAt - admittedAt, employeeHearsMs: employeeAt - admittedAt, slowNoticeMs: await notice };
  } finally {
    await phone.context.close();
    await employeeContext.close();
  }
}

/**
 * Time to first audio both ways for a citizen on a phone on a slow mobile line (CDP network
 * emulation, {@link slowMobileLine}); the employee on the machine's own line. Issue #18 asks for
 * the figures, not a goal: a benchmark, never a timed test.
 */
export async function measureSlowLine(bench: BrowserBench, runs: number): Promise<SlowLineResult> {
  const samples: SlowLineSample[] = [];
  for (let run = 0; run < runs; run += 1) samples.push(await oneCall(bench));
  return {
    line: slowMobileLine,
    runs,
    citizenHearsP50Ms: round(median(samples.map((s) => s.citizenHearsMs))),
    employeeHearsP50Ms: round(median(samples.map((s) => s.employeeHearsMs))),
    samples,
  };
}
