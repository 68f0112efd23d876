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
  /** Balie server processes holding the streams: 1 on PGlite, or several on Postgres + Redis. */
  instances: number;
  /** With several instances: where the shared state lived. */
  store: 'pglite' | 'postgres';
}

/** How the benchmark's balie servers run. */
export interface WaitingOptions {
  /** Server processes; more than one share a Postgres schema and a Redis channel (issue 19). Default 1. */
  instances?: number;
  /** Postgres for several instances (or for one, when set). */
  databaseUrl?: string;
  /** Redis for several instances. */
  redisUrl?: string;
  /** Extra node flags for the server processes, e.g. `--cpu-prof`. */
  serverNodeArgs?: string[];
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
export async function measureWaiting(sizes: number[], changes: number, options: WaitingOptions = {}): Promise<WaitingResult> {
  const instances = Math.max(1, options.instances ?? 1);
  const result: WaitingResult = {
    maxHeld: 0,
    steps: [],
    changesPerStep: changes,
    generators: Math.max(GENERATORS, instances),
    instances,
    store: instances > 1 || options.databaseUrl ? 'postgres' : 'pglite',
  };
  for (const size of sizes) {
    const step = await measureStep(size, changes, { ...options, instances });
    result.steps.push(step);
    if (!step.ok) break;
    result.maxHeld = size;
  }
  return result;
}

/** Starts the step's balie servers: one on PGlite, or `instances` on one Postgres schema and one Redis channel. */
async function startServers(options: WaitingOptions & { instances: number }): Promise<Worker[]> {
  const { instances } = options;
  if (instances === 1) {
    const env: Record<string, string> = options.databaseUrl ? { BENCH_DATABASE_URL: options.databaseUrl } : {};
    return [await startWorker(serverScript, env, options.serverNodeArgs)];
  }
  if (!options.databaseUrl || !options.redisUrl) throw new Error('several instances need a Postgres and a Redis URL');
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  const servers: Worker[] = [];
  // One after the other: the first creates the schema (migrations), the others find it there.
  for (let i = 0; i < instances; i += 1) {
    servers.push(
      await startWorker(
        serverScript,
        {
          BENCH_DATABASE_URL: options.databaseUrl,
          BENCH_DATABASE_SCHEMA: `bench_waiting_${tag}`,
          BENCH_DROP_SCHEMA: i === 0 ? '1' : '0',
          BENCH_REDIS_URL: options.redisUrl,
          BENCH_REDIS_CHANNEL: `bench_waiting_${tag}`,
        },
        options.serverNodeArgs,
      ),
    );
  }
  return servers;
}

async function measureStep(size: number, changes: number, options: WaitingOptions & { instances: number }): Promise<WaitingStep> {
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
    const servers = await startServers(options);
    workers.push(...servers);
    const serverUrl = String(servers[0]!.hello.url);
    // Each generator holds its streams on one instance, round robin: streams split evenly over
    // the instances, and a change made through the first reaches the others' citizens over Redis.
    const generatorCount = Math.max(GENERATORS, servers.length);
    const generators: Worker[] = [];
    for (let i = 0; i < generatorCount; i += 1) {
      const url = String(servers[i % servers.length]!.hello.url);
      generators.push(await startWorker(loadScript, { BENCH_SERVER_URL: url }));
    }
    workers.push(...generators);
    // Memory summed over the instances: per citizen is then what the deployment needs.
    const memoryOfServers = async () => {
      const all = await Promise.all(servers.map((s) => s.request<NodeJS.MemoryUsage>({ cmd: 'memory' }, 30_000)));
      return { rss: all.reduce((sum, m) => sum + m.rss, 0), heapUsed: all.reduce((sum, m) => sum + m.heapUsed, 0) };
    };
    const empty = await memoryOfServers();

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

    const ticketsOnly = await memoryOfServers();
    type Opened = { errors: number; firstError?: string; held: number };
    const opened = await Promise.all(generators.map((g) => g.request<Opened>({ cmd: 'open', concurrency: OPEN_CONCURRENCY }, timeout)));
    const failedOpen = opened.find((o) => o.errors > 0);
    if (failedOpen) throw new Error(`opening streams: ${failedOpen.errors} failed, first: ${failedOpen.firstError}`);
    const held = opened.reduce((sum, o) => sum + o.held, 0);
    if (held < size) throw new Error(`only ${held} of ${size} streams are open`);
    step.held = held;

    const memory = await memoryOfServers();
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
