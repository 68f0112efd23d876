import { fileURLToPath } from 'node:url';
import { nowMs, percentile, round } from '../support/stats.js';
import { startWorker, type Worker } from '../support/worker.js';

const serverScript = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const loadScript = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/** One step of the waiting-room benchmark: N citizens holding their stream. */
export interface WaitingStep {
  held: number;
  /** Time for one queue change (the first ticket leaves) to reach each stream, over all changes. */
  fanoutP50Ms: number | null;
  fanoutP95Ms: number | null;
  fanoutMaxMs: number | null;
  /**
   * Server RSS growth over the empty server, per waiting citizen (ticket and stream). Coarse:
   * PGlite's WebAssembly memory grows in large steps and never shrinks.
   */
  rssPerCitizenKB: number | null;
  /** Server RSS growth from opening the N streams (tickets already taken), per stream. */
  rssPerStreamKB: number | null;
  /** JS heap growth over the empty server, per waiting citizen: the most stable of the three. */
  heapPerCitizenKB: number | null;
  /** Ticket creation rate while filling the queue, before any stream is open. */
  createPerSecond: number | null;
  /** Ticket creation rate (50 clients, 3 s) with the N streams held. */
  createWhileHeldPerSecond: number | null;
  ok: boolean;
  problem?: string;
}

export interface WaitingResult {
  maxHeld: number;
  steps: WaitingStep[];
  changesPerStep: number;
  generators: number;
}

const GENERATORS = 2;
const OPEN_CONCURRENCY = 50;
const CREATE_CONCURRENCY = 25;

async function createTicket(serverUrl: string): Promise<string> {
  const response = await fetch(new URL('/api/tickets', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: 'paspoort' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/tickets answered ${response.status}`);
  return ((await response.json()) as { secret: string }).secret;
}

/**
 * Waiting-room scale: per step N, a fresh server in one process and citizens' streams in
 * {@link GENERATORS} others. All N tickets are taken before any stream opens (see below), then
 * all N streams are opened and held; the first ticket in line leaves `changes` times, and we time
 * how long each position update takes to reach each stream. Then, with the N streams still held,
 * 50 clients take new tickets for 3 s. Stops at the first step that does not hold (a stream
 * refused, dropped, or not reached in 30 s).
 *
 * Tickets first, streams after: every new ticket makes the server re-send the queue to every open
 * stream, so filling a queue while thousands listen takes minutes (the last row measures that).
 */
export async function measureWaiting(sizes: number[], changes: number): Promise<WaitingResult> {
  const result: WaitingResult = { maxHeld: 0, steps: [], changesPerStep: changes, generators: GENERATORS };
  for (const size of sizes) {
    const step = await measureStep(size, changes);
    result.steps.push(step);
    if (!step.ok) break;
    result.maxHeld = size;
  }
  return result;
}

async function measureStep(size: number, changes: number): Promise<WaitingStep> {
  const step: WaitingStep = {
    held: size,
    fanoutP50Ms: null,
    fanoutP95Ms: null,
    fanoutMaxMs: null,
    rssPerCitizenKB: null,
    rssPerStreamKB: null,
    heapPerCitizenKB: null,
    createPerSecond: null,
    createWhileHeldPerSecond: null,
    ok: false,
  };
  const workers: Worker[] = [];
  const timeout = 60_000 + size * 40;
  try {
    const server = await startWorker(serverScript);
    workers.push(server);
    const serverUrl = String(server.hello.url);
    for (let i = 0; i < GENERATORS; i += 1) workers.push(await startWorker(loadScript, { BENCH_SERVER_URL: serverUrl }));
    const generators = workers.slice(1);
    const empty = await server.request<NodeJS.MemoryUsage>({ cmd: 'memory' }, 30_000);

    // The tickets that leave go first in the queue, so each leave moves every held stream up one.
    const leavers: string[] = [];
    for (let i = 0; i < changes; i += 1) leavers.push(await createTicket(serverUrl));

    type Rate = { count: number; errors: number; firstError?: string; ms: number };
    const perGenerator = Math.ceil(size / generators.length);
    const creates = await Promise.all(
      generators.map((g) => g.request<Rate>({ cmd: 'create', count: perGenerator, concurrency: CREATE_CONCURRENCY }, timeout)),
    );
    const failedCreate = creates.find((c) => c.errors > 0);
    if (failedCreate) throw new Error(`creating tickets: ${failedCreate.errors} failed, first: ${failedCreate.firstError}`);
    step.createPerSecond = round(
      creates.reduce((sum, c) => sum + c.count, 0) / (Math.max(...creates.map((c) => c.ms)) / 1000),
    );

    const ticketsOnly = await server.request<NodeJS.MemoryUsage>({ cmd: 'memory' }, 30_000);
    type Opened = { errors: number; firstError?: string; held: number };
    const opened = await Promise.all(generators.map((g) => g.request<Opened>({ cmd: 'open', concurrency: OPEN_CONCURRENCY }, timeout)));
    const failedOpen = opened.find((o) => o.errors > 0);
    if (failedOpen) throw new Error(`opening streams: ${failedOpen.errors} failed, first: ${failedOpen.firstError}`);
    const held = opened.reduce((sum, o) => sum + o.held, 0);
    if (held < size) throw new Error(`only ${held} of ${size} streams are open`);
    step.held = held;

    const memory = await server.request<NodeJS.MemoryUsage>({ cmd: 'memory' }, 30_000);
    step.rssPerCitizenKB = round((memory.rss - empty.rss) / held / 1024, 1);
    step.rssPerStreamKB = round((memory.rss - ticketsOnly.rss) / held / 1024, 1);
    step.heapPerCitizenKB = round((memory.heapUsed - empty.heapUsed) / held / 1024, 1);

    const latencies: number[] = [];
    for (let change = 0; change < changes; change += 1) {
      await Promise.all(generators.map((g) => g.request({ cmd: 'quiet', quietMs: 300, maxMs: 15_000 }, 20_000)));
      await Promise.all(generators.map((g) => g.request({ cmd: 'arm' }, 10_000)));
      const changedAt = nowMs();
      const response = await fetch(new URL('/api/tickets/current/leave', serverUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${leavers[change]}` },
      });
      if (response.status !== 204) throw new Error(`leaving answered ${response.status}`);
      type Collected = { arrivals: number[]; missing: number; closed: number };
      const collected = await Promise.all(generators.map((g) => g.request<Collected>({ cmd: 'collect', timeoutMs: 30_000 }, 40_000)));
      const missing = collected.reduce((sum, c) => sum + c.missing, 0);
      if (missing > 0) throw new Error(`${missing} of ${held} streams did not get the change within 30 s`);
      for (const c of collected) for (const at of c.arrivals) latencies.push(at - changedAt);
    }
    step.fanoutP50Ms = round(percentile(latencies, 50), 1);
    step.fanoutP95Ms = round(percentile(latencies, 95), 1);
    step.fanoutMaxMs = round(percentile(latencies, 100), 1);
    step.ok = true;

    // Citizens keep arriving while others wait: how fast can they, with N streams listening?
    const [arriving] = generators;
    const rate = await arriving!.request<Rate>({ cmd: 'throughput', durationMs: 3_000, concurrency: 50 }, 60_000);
    step.createWhileHeldPerSecond = round(rate.count / (rate.ms / 1000));
    if (rate.errors > 0) step.problem = `while held, ${rate.errors} new tickets failed: ${rate.firstError}`;
  } catch (error) {
    step.problem = (error as Error).message;
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  return step;
}
