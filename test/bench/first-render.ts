import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { BrowserBench } from './support/browser-stack.js';
import { inPage, insertAndWaitForButton } from './support/page-scripts.js';
import { bundleBaseline } from './support/rollup-build.js';
import { median, percentile, ratio, round } from './support/stats.js';
import { startStaticServer } from './support/static-server.js';

const baselineEntry = fileURLToPath(new URL('./baselines/lit-button.ts', import.meta.url));
const TIMEOUT_MS = 15_000;

export interface FirstRenderResult {
  p50Ms: number | null;
  p90Ms: number | null;
  baselineP50Ms: number | null;
  baselineP90Ms: number | null;
  ratio: number | null;
  loads: number;
  samplesMs: number[];
  baselineSamplesMs: number[];
}

interface Load {
  hostUrl: string;
  scriptUrl: string;
  tag: string;
  attrs: Record<string, string>;
}

/** One cold load: a fresh browser context (empty cache), the host page, then the script inserted. */
async function timeLoad(browser: Browser, load: Load): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(load.hostUrl, { waitUntil: 'load' });
    return await inPage<number>(page, insertAndWaitForButton, {
      scriptUrl: load.scriptUrl,
      tag: load.tag,
      attrs: load.attrs,
      buttonText: 'Videobellen',
      timeoutMs: TIMEOUT_MS,
    });
  } finally {
    await context.close();
  }
}

/**
 * First render: from inserting the widget's script on a host page to a visible "Videobellen"
 * button, against a bare Lit element with one button. Loads alternate between the two so that
 * load from other work on the machine falls on both alike; one unmeasured load of each first.
 */
export async function measureFirstRender(bench: BrowserBench, loads: number): Promise<FirstRenderResult> {
  const { stack, chromium } = bench;
  const outDir = await mkdtemp(join(tmpdir(), 'balie-bench-render-'));
  const baselineCode = (await bundleBaseline(baselineEntry, outDir)).code;
  const host = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>host</title></head><body><h1>Host</h1></body></html>`;
  const server = await startStaticServer({ '/host.html': host, '/lit-button.js': baselineCode });
  try {
    const ours: Load = {
      // The Voorbeeldstad site, with its strict CSP, on a page without the widget.
      hostUrl: `${stack.siteUrl}/`,
      scriptUrl: `${stack.balieUrl}/widget/digitale-balie.js`,
      tag: 'digitale-balie',
      attrs: { 'config-url': `${stack.balieUrl}/api/config`, product: 'paspoort' },
    };
    const baseline: Load = {
      hostUrl: `${server.otherOriginUrl}/host.html`,
      scriptUrl: `${server.url}/lit-button.js`,
      tag: 'bench-launcher',
      attrs: {},
    };
    await timeLoad(chromium.browser, ours);
    await timeLoad(chromium.browser, baseline);
    const samples: number[] = [];
    const baselineSamples: number[] = [];
    for (let i = 0; i < loads; i += 1) {
      samples.push(await timeLoad(chromium.browser, ours));
      baselineSamples.push(await timeLoad(chromium.browser, baseline));
    }
    const p50 = median(samples);
    const baselineP50 = median(baselineSamples);
    return {
      p50Ms: round(p50, 1),
      p90Ms: round(percentile(samples, 90), 1),
      baselineP50Ms: round(baselineP50, 1),
      baselineP90Ms: round(percentile(baselineSamples, 90), 1),
      ratio: ratio(p50, baselineP50),
      loads,
      samplesMs: samples.map((s) => round(s, 1)!),
      baselineSamplesMs: baselineSamples.map((s) => round(s, 1)!),
    };
  } finally {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
