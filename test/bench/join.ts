import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { mintGrant, type BrowserBench } from './support/browser-stack.js';
import { firstRemoteFrameAt, firstRenderedFrameAt, inPage, recordNextClick, waitInPage } from './support/page-scripts.js';
import { bundleBaseline } from './support/rollup-build.js';
import { median, percentile, ratio, round } from './support/stats.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';

const bareEntry = fileURLToPath(new URL('./baselines/bare-livekit-page.ts', import.meta.url));
const FRAME_TIMEOUT_MS = 30_000;

/** One join: milliseconds from the start until each side decoded its first remote frame. */
interface JoinSample {
  bothMs: number;
  citizenMs: number;
  employeeMs: number;
  /** Until both sides showed a remote frame in their own `<video>` (see {@link firstRenderedFrameAt}). */
  renderedBothMs: number;
}

/** A baseline join: decoded on both sides, and shown in both pages' `<video>`. */
interface BaselineSample {
  decodedMs: number;
  renderedMs: number;
}

export interface JoinResult {
  p50Ms: number | null;
  p90Ms: number | null;
  baselineP50Ms: number | null;
  baselineP90Ms: number | null;
  ratio: number | null;
  /** Both sides' remote `<video>` showing a frame: what the person sees, beside `p50Ms` (decoded). */
  renderedP50Ms: number | null;
  baselineRenderedP50Ms: number | null;
  renderedRatio: number | null;
  runs: number;
  samples: JoinSample[];
  baselineSamplesMs: number[];
  baselineRenderedSamplesMs: number[];
}

/** A bare page serving the baseline bundle. */
export async function bareLivekitServer(): Promise<{ server: StaticServer; close(): Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'balie-bench-bare-'));
  const code = (await bundleBaseline(bareEntry, outDir)).code;
  const page = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>bare livekit</title><script type="module" src="/bare-livekit.js"></script></head><body></body></html>`;
  const server = await startStaticServer({ '/join.html': page, '/bare-livekit.js': code });
  return {
    server,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export async function openBarePage(context: BrowserContext, server: StaticServer): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/join.html`);
  await waitInPage(page, 'typeof window.benchJoin === "function"', 15_000);
  return page;
}

const firstFrame = (page: Page, source: 'balie-call' | 'window') =>
  inPage<number>(page, firstRemoteFrameAt, { source, timeoutMs: FRAME_TIMEOUT_MS });
const firstRendered = (page: Page, source: 'balie-call' | 'window') =>
  inPage<number>(page, firstRenderedFrameAt, { source, timeoutMs: FRAME_TIMEOUT_MS });

async function employeeConsole(bench: BrowserBench, context: BrowserContext): Promise<Page> {
  const { stack } = bench;
  const page = await context.newPage();
  await page.goto(stack.consoleUrl);
  const signIn = page.getByLabel('Toegangscode');
  const queue = page.getByRole('heading', { name: 'Videobalie' });
  await signIn.or(queue).waitFor();
  if (await signIn.isVisible()) {
    await signIn.fill(stack.consoleAccessCode);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }
  await queue.waitFor();
  return page;
}

/**
 * Ours: a citizen on the Voorbeeldstad page goes through prejoin into the waiting room (the call
 * chunk is preloaded there, as it is for anyone who waits); the employee clicks "Toelaten". From
 * that click until both sides decoded a remote frame.
 */
async function joinOurs(bench: BrowserBench, employee: Page): Promise<JoinSample> {
  const { stack, chromium } = bench;
  const citizenContext = await chromium.browser.newContext();
  try {
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${stack.siteUrl}/paspoort.html`);
    await citizen.getByRole('button', { name: 'Videobellen' }).click();
    await citizen.getByRole('button', { name: /Naar de wachtkamer|Verder met alleen geluid/ }).click();
    await citizen.getByRole('heading', { name: 'U bent in de wachtkamer' }).waitFor();
    await waitInPage(citizen, '!!customElements.get("balie-call")', 15_000);
    const admit = employee.getByRole('button', { name: /Toelaten/ });
    await admit.waitFor();

    const frames = Promise.all([firstFrame(citizen, 'balie-call'), firstFrame(employee, 'balie-call')]);
    const rendered = Promise.all([firstRendered(citizen, 'balie-call'), firstRendered(employee, 'balie-call')]);
    await inPage(employee, recordNextClick, null);
    await admit.click();
    const [citizenAt, employeeAt] = await frames;
    const renderedAt = Math.max(...(await rendered));
    const clickAt = await employee.evaluate('window.benchClickAt') as number;

    await citizen.getByRole('button', { name: 'Ophangen' }).click();
    await citizen.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor();
    await employee.getByRole('heading', { name: 'Videobalie' }).waitFor({ timeout: 15_000 });
    return {
      bothMs: Math.max(citizenAt, employeeAt) - clickAt,
      citizenMs: citizenAt - clickAt,
      employeeMs: employeeAt - clickAt,
      renderedBothMs: renderedAt - clickAt,
    };
  } finally {
    await citizenContext.close();
  }
}

/** Baseline: two bare livekit-client pages with pre-minted tokens, started together. */
async function joinBare(bench: BrowserBench, server: StaticServer, run: number): Promise<BaselineSample> {
  const { stack, chromium } = bench;
  const contexts = await Promise.all([chromium.browser.newContext(), chromium.browser.newContext()]);
  try {
    const pages = await Promise.all(contexts.map((context) => openBarePage(context, server)));
    const room = `bench-join-${run}-${Date.now()}`;
    const grants = await Promise.all(['a', 'b'].map((side) => mintGrant(stack, room, `${side}-${run}`)));
    const frames = Promise.all(pages.map((page) => firstFrame(page, 'window')));
    const rendered = Promise.all(pages.map((page) => firstRendered(page, 'window')));
    const starts = await Promise.all(
      pages.map((page, i) =>
        page.evaluate(
          `(() => { const at = Date.now(); window.benchJoin(${JSON.stringify(grants[i]!.url)}, ${JSON.stringify(grants[i]!.token)}).catch((e) => console.error(e)); return at; })()`,
        ) as Promise<number>,
      ),
    );
    const frameAts = await frames;
    const renderedAts = await rendered;
    await Promise.all(pages.map((page) => page.evaluate('window.benchLeave()')));
    return { decodedMs: Math.max(...frameAts) - Math.min(...starts), renderedMs: Math.max(...renderedAts) - Math.min(...starts) };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

/**
 * Join speed: ours (admission to first decoded frame on both sides) against bare livekit-client
 * (both start connecting to first decoded frame on both sides), alternating run by run, after one
 * unmeasured run of each.
 */
export async function measureJoin(bench: BrowserBench, runs: number): Promise<JoinResult> {
  const bare = await bareLivekitServer();
  const employeeContext = await bench.chromium.browser.newContext();
  try {
    let employee = await employeeConsole(bench, employeeContext);
    const samples: JoinSample[] = [];
    const baselineSamples: BaselineSample[] = [];
    for (let run = 0; run <= runs; run += 1) {
      let sample: JoinSample;
      try {
        sample = await joinOurs(bench, employee);
      } catch (error) {
        // A stuck console would fail every later run: start it afresh, and let this run fail.
        await employee.close();
        employee = await employeeConsole(bench, employeeContext);
        throw error;
      }
      const baseline = await joinBare(bench, bare.server, run);
      if (run === 0) continue; // warm-up
      samples.push(sample);
      baselineSamples.push(baseline);
    }
    const baselineDecoded = baselineSamples.map((s) => s.decodedMs);
    const baselineRendered = baselineSamples.map((s) => s.renderedMs);
    const p50 = median(samples.map((s) => s.bothMs));
    const baselineP50 = median(baselineDecoded);
    const renderedP50 = median(samples.map((s) => s.renderedBothMs));
    const baselineRenderedP50 = median(baselineRendered);
    return {
      p50Ms: round(p50),
      p90Ms: round(percentile(samples.map((s) => s.bothMs), 90)),
      baselineP50Ms: round(baselineP50),
      baselineP90Ms: round(percentile(baselineDecoded, 90)),
      ratio: ratio(p50, baselineP50),
      renderedP50Ms: round(renderedP50),
      baselineRenderedP50Ms: round(baselineRenderedP50),
      renderedRatio: ratio(renderedP50, baselineRenderedP50),
      runs,
      samples,
      baselineSamplesMs: baselineDecoded,
      baselineRenderedSamplesMs: baselineRendered,
    };
  } finally {
    await employeeContext.close();
    await bare.close();
  }
}
