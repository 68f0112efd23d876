import type { CDPSession, Page } from 'playwright-core';
import { bareLivekitServer, openBarePage } from './join.js';
import { distChunks, distDir } from './payload.js';
import { mintGrant, type BrowserBench } from './support/browser-stack.js';
import { balieCallCycle, bareLivekitCycle, inPage, waitInPage } from './support/page-scripts.js';
import { median, round } from './support/stats.js';
import { startStaticServer } from './support/static-server.js';

const CYCLE_TIMEOUT_MS = 30_000;
const MB = 1024 * 1024;

/** Heap and DOM after a full garbage collection. */
interface Snapshot {
  heapUsedMB: number;
  listeners: number;
  nodes: number;
}

export interface MemoryRun {
  afterFirst: Snapshot;
  afterLast: Snapshot;
  heapGrowthMB: number;
  joinP50Ms: number | null;
}

export interface MemoryResult {
  cycles: number;
  ours: MemoryRun;
  baseline: MemoryRun;
}

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  // Twice: the first collection can leave garbage that only finalizers of the first released.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? -1;
  return { heapUsedMB: round(usedSize / MB, 2)!, listeners: metric('JSEventListeners'), nodes: metric('Nodes') };
}

async function runCycles(page: Page, script: string, grantFor: (cycle: number) => Promise<unknown>, cycles: number): Promise<MemoryRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const joins: number[] = [];
  let afterFirst: Snapshot | undefined;
  for (let cycle = 1; cycle <= cycles; cycle += 1) {
    joins.push(await inPage<number>(page, script, { grant: await grantFor(cycle), timeoutMs: CYCLE_TIMEOUT_MS }));
    if (cycle === 1) afterFirst = await snapshot(cdp);
  }
  const afterLast = await snapshot(cdp);
  await cdp.detach();
  return {
    afterFirst: afterFirst!,
    afterLast,
    heapGrowthMB: round(afterLast.heapUsedMB - afterFirst!.heapUsedMB, 2)!,
    joinP50Ms: median(joins),
  };
}

/**
 * Memory in the call: `cycles` join/leave cycles of `<balie-call>` (from dist/) in one page, each
 * until a remote frame is decoded, against the same cycles of bare livekit-client in another page.
 * A peer (the bare page) stays in the room and publishes throughout. Heap growth is measured
 * after full GCs (CDP), from after the first cycle to after the last.
 */
export async function measureMemory(bench: BrowserBench, cycles: number): Promise<MemoryResult> {
  const { stack, chromium } = bench;
  const { call } = await distChunks();
  const bare = await bareLivekitServer();
  const callPage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>balie-call cycles</title></head><body></body></html>`;
  const server = await startStaticServer({ '/memory.html': callPage }, distDir);
  const room = `bench-memory-${Date.now()}`;
  const contexts = await Promise.all([1, 2, 3].map(() => chromium.browser.newContext()));
  try {
    const [peerContext, oursContext, baselineContext] = contexts as [typeof contexts[0], typeof contexts[0], typeof contexts[0]];
    const peer = await openBarePage(peerContext, bare.server);
    const peerGrant = await mintGrant(stack, room, 'peer');
    await peer.evaluate(`window.benchJoin(${JSON.stringify(peerGrant.url)}, ${JSON.stringify(peerGrant.token)})`);

    const oursPage = await oursContext.newPage();
    await oursPage.goto(`${server.url}/memory.html`);
    await oursPage.evaluate(`import(${JSON.stringify(`/dist/${call}`)})`);
    await waitInPage(oursPage, '!!customElements.get("balie-call")', 15_000);
    const ours = await runCycles(oursPage, balieCallCycle, (cycle) => mintGrant(stack, room, `ours-${cycle}`), cycles);

    const baselinePage = await openBarePage(baselineContext, bare.server);
    const baseline = await runCycles(baselinePage, bareLivekitCycle, (cycle) => mintGrant(stack, room, `bare-${cycle}`), cycles);
    await peer.evaluate('window.benchLeave()');
    return { cycles, ours, baseline };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await server.close();
    await bare.close();
  }
}
