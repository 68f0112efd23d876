/**
 * `npm run bench`: size, first render, join speed, waiting-room scale, ticket throughput and call
 * memory of Digitale Balie, each against a baseline measured in the same run. Prints the machine
 * and a table, writes test/bench/results/latest.json and latest.html (the table with charts). Never fails on a timing: exits non-zero only
 * when a benchmark could not run at all. See test/bench/README.md.
 *
 *   npm run bench                      everything, full size (5–7 minutes on 2 cores)
 *   npm run bench -- --quick           everything, small N (for working on the benchmarks)
 *   npm run bench -- payload waiting   only these (payload, waiting, booking, render, join, slow, documents, memory)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureBooking } from './booking.js';
import { measureDocuments } from './documents.js';
import { measureFirstRender } from './first-render.js';
import { renderHtmlReport } from './html-report.js';
import { measureJoin } from './join.js';
import { measureMemory } from './memory.js';
import { measureSlowLine } from './slow-line.js';
import { ensureBuilt, measurePayload } from './payload.js';
import type { BenchReport } from './report.js';
import { startBrowserBench, type BrowserBench } from './support/browser-stack.js';
import { describeMachine } from './support/machine.js';
import { round } from './support/stats.js';
import { formatTable, reportRows } from './table.js';
import { measureWaiting } from './waiting/waiting.js';
import { chromiumPath, livekitBin } from '../e2e/support/provisioned.js';

const resultsFile = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const htmlFile = fileURLToPath(new URL('./results/latest.html', import.meta.url));
const NAMES = ['payload', 'waiting', 'booking', 'render', 'join', 'slow', 'documents', 'memory'] as const;
type Name = (typeof NAMES)[number];

const sizes = {
  full: { loads: 10, joins: 10, slowCalls: 3, photos: 5, waiting: [1000, 2000, 5000, 10000], changes: 3, bookingMs: 5_000, cycles: 20 },
  quick: { loads: 3, joins: 2, slowCalls: 1, photos: 2, waiting: [100, 300], changes: 2, bookingMs: 2_000, cycles: 3 },
};

/**
 * Waiting-room steps from `BENCH_WAITING_SIZES` (held streams, comma separated, e.g.
 * `1000,5000,10000`), else the mode's default: big steps only when asked for, so routine runs stay fast.
 */
export function waitingSizes(fallback: number[], env = process.env.BENCH_WAITING_SIZES): number[] {
  if (!env?.trim()) return fallback;
  const sizes = env.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    console.error(`bench: BENCH_WAITING_SIZES must be positive whole numbers, comma separated; got "${env}"`);
    process.exit(2);
  }
  return sizes;
}

/**
 * Balie server processes for the waiting room, from `BENCH_WAITING_INSTANCES` (default 1, on
 * PGlite). More than one share a schema of their own on Postgres (`BENCH_DATABASE_URL`, else
 * `TEST_DATABASE_URL`, else CI's) and a Redis channel (`BENCH_REDIS_URL`, else `REDIS_URL`, else
 * 127.0.0.1:6379), as a deployment of several instances does.
 */
export function waitingInstances(env = process.env.BENCH_WAITING_INSTANCES): number {
  if (!env?.trim()) return 1;
  const instances = Number(env.trim());
  if (!Number.isInteger(instances) || instances < 1) {
    console.error(`bench: BENCH_WAITING_INSTANCES must be a whole number of at least 1; got "${env}"`);
    process.exit(2);
  }
  return instances;
}

function parseArgs(argv: string[]): { quick: boolean; only: Set<Name> } {
  const quick = argv.includes('--quick');
  const picked = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = picked.filter((arg) => !(NAMES as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    console.error(`bench: unknown benchmark ${unknown.join(', ')}; pick from ${NAMES.join(', ')}`);
    process.exit(2);
  }
  return { quick, only: new Set((picked.length ? picked : NAMES) as Name[]) };
}

function emptyReport(machine: BenchReport['machine'], mode: BenchReport['mode']): BenchReport {
  return {
    machine,
    mode,
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    payload: {
      entryGzip: null, entryBrotli: null, stagesGzip: null, stagesBrotli: null, bookingGzip: null, bookingBrotli: null, firstViewGzip: null, callGzip: null, callBrotli: null,
      baselineCallGzip: null, baselineCallBrotli: null, callOverBaselineGzipKB: null, callOverBaselineBrotliKB: null,
    },
    firstRender: { p50Ms: null, baselineP50Ms: null, ratio: null },
    join: { p50Ms: null, baselineP50Ms: null, ratio: null, renderedP50Ms: null },
    waiting: { maxHeld: null, instances: null, fanoutP50Ms: null, fanoutP95Ms: null, fanoutMaxMs: null, rssPerCitizenKB: null },
    booking: { perSecond: null, doubleBookings: null },
    slowLine: { citizenHearsP50Ms: null, employeeHearsP50Ms: null },
    documents: { uploadMBps: null, sentToCardMs: null },
    memory: { heapGrowthMB: null, baselineHeapGrowthMB: null },
    errors: {},
  };
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const n = quick ? sizes.quick : sizes.full;
  const started = Date.now();
  const needsBrowser = only.has('render') || only.has('join') || only.has('slow') || only.has('documents') || only.has('memory');
  const machine = await describeMachine(needsBrowser ? await chromiumPath() : process.env.CHROME_PATH ?? '/usr/bin/chromium', needsBrowser ? await livekitBin() : process.env.LIVEKIT_SERVER_BIN);
  const report = emptyReport(machine, quick ? 'quick' : 'full');
  console.log(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, ` +
      `Chromium ${machine.chromium}, livekit-server ${machine.livekitServer}, load ${machine.loadAtStart} at start` +
      (quick ? ' — QUICK mode: small N, not for comparison' : ''),
  );

  const attempt = async (name: Name, body: () => Promise<void>) => {
    if (!only.has(name)) return;
    const t0 = Date.now();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      await body();
    } catch (error) {
      report.errors[name] = (error as Error).message.split('\n')[0]!;
      process.stderr.write(`bench: ${name} could not run: ${(error as Error).stack}\n`);
    }
    process.stderr.write(`bench: ${name} took ${Math.round((Date.now() - t0) / 1000)} s\n`);
  };

  await attempt('payload', async () => {
    const p = await measurePayload();
    report.payload = {
      ...p,
      entryGzip: p.entry.gzip,
      entryBrotli: p.entry.brotli,
      stagesGzip: p.stages.gzip,
      stagesBrotli: p.stages.brotli,
      bookingGzip: p.booking.gzip,
      bookingBrotli: p.booking.brotli,
      firstViewGzip: p.firstView.gzip,
      callGzip: p.call.gzip,
      callBrotli: p.call.brotli,
      baselineCallGzip: p.baselineCall.gzip,
      baselineCallBrotli: p.baselineCall.brotli,
      callOverBaselineGzipKB: round((p.call.gzip - p.baselineCall.gzip) / 1024, 1),
      callOverBaselineBrotliKB: round((p.call.brotli - p.baselineCall.brotli) / 1024, 1),
    };
  });
  await attempt('waiting', async () => {
    const instances = waitingInstances();
    const w = await measureWaiting(waitingSizes(n.waiting), n.changes, {
      instances,
      databaseUrl: instances > 1 ? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test' : undefined,
      redisUrl: instances > 1 ? process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' : undefined,
      serverNodeArgs: process.env.BENCH_WAITING_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    });
    const top = [...w.steps].reverse().find((step) => step.ok);
    report.waiting = {
      ...w,
      fanoutP50Ms: top?.fanoutP50Ms ?? null,
      fanoutP95Ms: top?.fanoutP95Ms ?? null,
      fanoutMaxMs: top?.fanoutMaxMs ?? null,
      rssPerCitizenKB: top?.rssPerCitizenKB ?? null,
    };
  });
  await attempt('booking', async () => {
    report.booking = await measureBooking(n.bookingMs);
  });

  if (needsBrowser) {
    let bench: BrowserBench | undefined;
    try {
      await ensureBuilt();
      bench = await startBrowserBench();
    } catch (error) {
      for (const name of ['render', 'join', 'slow', 'documents', 'memory'] as const) {
        if (only.has(name)) report.errors[name] = `no stack or browser: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    if (bench) {
      const b = bench;
      try {
        await attempt('render', async () => {
          report.firstRender = await measureFirstRender(b, n.loads);
        });
        await attempt('join', async () => {
          report.join = await measureJoin(b, n.joins);
        });
        await attempt('slow', async () => {
          report.slowLine = await measureSlowLine(b, n.slowCalls);
        });
        await attempt('documents', async () => {
          report.documents = await measureDocuments(b, n.photos);
        });
        await attempt('memory', async () => {
          const m = await measureMemory(b, n.cycles);
          report.memory = { ...m, heapGrowthMB: m.ours.heapGrowthMB, baselineHeapGrowthMB: m.baseline.heapGrowthMB };
        });
      } finally {
        await b.close();
      }
    }
  }

  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  console.log('');
  console.log(formatTable(reportRows(report)));
  console.log('');
  console.log(`${report.durationSeconds} s; load ${round(loadavg()[0]!, 2)} at the end. Details: ${resultsFile}, charts: ${htmlFile}`);
  await mkdir(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(htmlFile, renderHtmlReport(report));
  return Object.keys(report.errors).length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
