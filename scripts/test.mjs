#!/usr/bin/env node
/**
 * `npm test`: provisions Chromium, livekit-server and clamd, builds, then runs each test layer in turn as
 * its own process group, streaming its output live and reading its runner's own summary. Ends with
 * one line, alone, that sums every layer: `N passed, N failed` (`, N skipped` when any were).
 *
 * Developers pick layers by name: `npm test -- unit server`. The build runs when nothing is picked,
 * when `build` is picked, or with `e2e` (which exercises the built bundle).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interruptedBySignal, runGroup, shortName } from './process-group.mjs';
import { findChromium, findClamd, findLivekitServer } from './provision.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;
const WTR_CONFIG = 'web-test-runner.config.mjs';

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ name: string, result: string, counts?: Counts, ms: number }} Row
 * @typedef {{ command: string, args: string[], parse: (line: string) => void,
 *   counts: () => Counts | undefined, noTests?: () => boolean, env?: NodeJS.ProcessEnv }} Run
 * @typedef {{ timeoutMs: number, needs: Array<'chromium' | 'livekit' | 'clamd'>,
 *   plan: () => Promise<Run | string> }} Layer
 */

/** @type {Record<string, Layer>} */
const LAYERS = {
  unit: { timeoutMs: 15 * MINUTE, needs: ['chromium'], plan: planUnit },
  // The server suite runs twice: on PGlite (what `npm start` uses) and on a real Postgres.
  // Ten minutes is enough on a quiet machine; the guard is for a hang, not a timing, so it leaves
  // room for a busy one.
  // clamd: the documents' virus scanning runs against a real one (test/server/documents.test.ts).
  server: {
    timeoutMs: 20 * MINUTE,
    needs: ['livekit', 'clamd'],
    plan: async () => withEnv(await planNodeTest('test/server', []), { TEST_DATABASE_URL: '' }),
  },
  'server-postgres': {
    timeoutMs: 20 * MINUTE,
    needs: ['livekit', 'clamd'],
    plan: async () => {
      const url = postgresForTests();
      if (!url) return 'skipped: set TEST_DATABASE_URL to run it';
      return withEnv(await planNodeTest('test/server', []), { TEST_DATABASE_URL: url });
    },
  },
  // One browser journey at a time: several Chromiums and a media server at once overload 2 cores.
  // The database-outage journey runs on Postgres (cut off through a proxy), and is skipped without.
  // clamd: documents in the call scan PDFs with a real one (test/e2e/documents.test.ts).
  e2e: {
    timeoutMs: 30 * MINUTE,
    needs: ['chromium', 'livekit', 'clamd'],
    plan: async () => {
      const plan = await planNodeTest('test/e2e', ['--test-concurrency=1']);
      const url = postgresForTests();
      return url ? withEnv(plan, { TEST_DATABASE_URL: url }) : plan;
    },
  },
};
const BUILD_TIMEOUT_MS = 10 * MINUTE;

/**
 * The Postgres the server suite's second pass uses: TEST_DATABASE_URL, or in CI the machine's own
 * (trust auth, database `test`; see shared/TESTING.md). Developers without one skip that pass.
 * @returns {string | undefined}
 */
function postgresForTests() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  return process.env.CI === 'true' ? 'postgres://root@127.0.0.1:5432/test' : undefined;
}

/** @param {Run | string} plan @param {NodeJS.ProcessEnv} env @returns {Run | string} */
function withEnv(plan, env) {
  return typeof plan === 'string' ? plan : { ...plan, env };
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>} every `*.test.ts` under dir, relative to the repo
 */
async function findTestFiles(dir) {
  if (!existsSync(join(ROOT, dir))) return [];
  /** @type {string[]} */
  const found = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findTestFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found.sort();
}

/**
 * node:test layer. Node 20's `--test` does not expand glob patterns (that came in Node 21), so the
 * file list is passed explicitly.
 * @param {string} dir @param {string[]} extraArgs @returns {Promise<Run | string>}
 */
async function planNodeTest(dir, extraArgs) {
  const files = await findTestFiles(dir);
  if (files.length === 0) return 'no tests';
  /** @type {Record<string, number>} */
  const summary = {};
  return {
    command: process.execPath,
    args: ['--import', 'tsx', '--test', '--test-reporter=spec', ...extraArgs, ...files],
    // The spec reporter ends with `ℹ pass N`, `ℹ fail N`, `ℹ cancelled N`, `ℹ skipped N`,
    // `ℹ todo N`.
    parse(line) {
      const match = /^ℹ (pass|fail|cancelled|skipped|todo) (\d+)\s*$/.exec(line);
      if (match) summary[match[1]] = Number(match[2]);
    },
    counts() {
      if (!('pass' in summary)) return undefined;
      const count = (/** @type {string} */ key) => summary[key] ?? 0;
      // A cancelled test (its file timed out or crashed) did not pass; a todo is not done yet.
      return {
        passed: count('pass'),
        failed: count('fail') + count('cancelled'),
        skipped: count('skipped') + count('todo'),
      };
    },
  };
}

/** @returns {Promise<Run | string>} the in-browser layer, run by @web/test-runner */
async function planUnit() {
  if (!existsSync(join(ROOT, WTR_CONFIG))) {
    // Element tests sit beside their element in src/ (STYLE.md) or in test/unit.
    const files = [...(await findTestFiles('src')), ...(await findTestFiles('test/unit'))];
    if (files.length === 0) return 'no tests';
    throw new Error(
      `${WTR_CONFIG} is missing, yet there are ${files.length} test files (${files[0]}, …)`,
    );
  }
  /** @type {Map<string, Counts>} */
  const perBrowser = new Map();
  let foundNone = false;
  return {
    // The local bin, which `npx web-test-runner` would pick too, minus npx's registry fallback.
    command: join(ROOT, 'node_modules', '.bin', 'web-test-runner'),
    args: ['--config', WTR_CONFIG],
    // Its progress line per browser, repeated while running; the last one is final:
    // `Chromium: |████| 3/3 test files | 10 passed, 0 failed, 2 skipped` (skipped only when > 0).
    parse(line) {
      if (line.includes('Could not find any test files with pattern')) foundNone = true;
      const match = /^\s*(\S.*?):\s.*\|\s*(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(
        line,
      );
      if (match) {
        perBrowser.set(match[1], {
          passed: Number(match[2]),
          failed: Number(match[3]),
          skipped: Number(match[4] ?? 0),
        });
      }
    },
    counts: () => (perBrowser.size === 0 ? undefined : sum([...perBrowser.values()])),
    noTests: () => foundNone,
  };
}

/** @param {Counts[]} list @returns {Counts} */
function sum(list) {
  return list.reduce(
    (a, b) => ({
      passed: a.passed + b.passed,
      failed: a.failed + b.failed,
      skipped: a.skipped + b.skipped,
    }),
    {
      passed: 0,
      failed: 0,
      skipped: 0,
    },
  );
}

/**
 * Runs one layer and turns its outcome into a table row.
 * @param {string} name @param {Layer} layer @param {NodeJS.ProcessEnv} env @returns {Promise<Row>}
 */
async function runLayer(name, layer, env) {
  const started = Date.now();
  /** @type {Run | string} */
  let plan;
  try {
    plan = await layer.plan();
  } catch (error) {
    process.stderr.write(`\n${name}: ${error instanceof Error ? error.message : error}\n`);
    return {
      name,
      result: 'failed (could not start)',
      counts: { passed: 0, failed: 1, skipped: 0 },
      ms: 0,
    };
  }
  if (typeof plan === 'string') return { name, result: plan, ms: 0 };
  process.stdout.write(`\n== ${name}: ${[shortName(plan.command, ROOT), ...plan.args].join(' ')}\n`);
  const { code, timedOut } = await runGroup({ ...plan, root: ROOT, env: { ...env, ...plan.env }, timeoutMs: layer.timeoutMs });
  const ms = Date.now() - started;
  if (plan.noTests?.()) return { name, result: 'no tests', ms };
  const counts = plan.counts() ?? { passed: 0, failed: 0, skipped: 0 };
  const result = timedOut
    ? 'timed out'
    : interruptedBySignal()
      ? 'interrupted'
      : code === 0
        ? 'passed'
        : `failed (exit ${code})`;
  // A layer that did not end cleanly has failed even when its runner counted no failing test
  // (a file that would not load, a crash, a timeout): the last line must not say 0 failed then.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return { name, result, counts, ms };
}

/** @param {Row[]} rows */
function printSummary(rows) {
  const header = ['layer', 'result', 'passed', 'failed', 'skipped', 'time'];
  const cells = rows.map(({ name, result, counts, ms }) => [
    name,
    result,
    ...(counts ? [counts.passed, counts.failed, counts.skipped].map(String) : ['-', '-', '-']),
    `${(ms / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((row) => row[i].length)));
  const format = (/** @type {string[]} */ row) =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const total = sum(rows.flatMap((row) => (row.counts ? [row.counts] : [])));
  process.stdout.write(`\n${format(header)}\n${cells.map(format).join('\n')}\n\n`);
  process.stdout.write(
    `${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}\n`,
  );
  return total;
}

/**
 * Provisions what the chosen layers need; a part that cannot be had fails its row and the layers
 * that need it are not run, while the others still are.
 * @param {string[]} chosen @param {Row[]} rows
 */
async function provision(chosen, rows) {
  const wanted = new Set(chosen.flatMap((name) => LAYERS[name].needs));
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  const missing = new Set();
  for (const [part, find, variable] of /** @type {const} */ ([
    ['chromium', findChromium, 'CHROME_PATH'],
    ['livekit', findLivekitServer, 'LIVEKIT_SERVER_BIN'],
    ['clamd', findClamd, 'CLAMD_BIN'],
  ])) {
    if (!wanted.has(part)) continue;
    try {
      env[variable] = await find();
      process.stdout.write(`${variable}=${env[variable]}\n`);
    } catch (error) {
      process.stderr.write(`\n${error instanceof Error ? error.message : error}\n`);
      rows.push({
        name: `provision ${part}`,
        result: 'failed',
        counts: { passed: 0, failed: 1, skipped: 0 },
        ms: 0,
      });
      missing.add(part);
    }
  }
  return { env, missing };
}

async function main() {
  const picked = process.argv.slice(2);
  const unknown = picked.filter((name) => name !== 'build' && !(name in LAYERS));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown layer ${unknown.join(', ')}. Usage: npm test [-- build|${Object.keys(LAYERS).join('|')} …]\n`,
    );
    return 2;
  }
  const chosen =
    picked.length === 0
      ? Object.keys(LAYERS)
      : Object.keys(LAYERS).filter((name) => picked.includes(name));
  const build = picked.length === 0 || picked.includes('build') || picked.includes('e2e');
  /** @type {Row[]} */
  const rows = [];
  const { env: provisioned, missing } = await provision(chosen, rows);
  // Children colour their output only for a terminal; they write to our pipe, so tell them.
  const color = process.stdout.isTTY && !('NO_COLOR' in process.env) ? { FORCE_COLOR: '1' } : {};
  const env = { ...process.env, ...color, ...provisioned };

  let built = true;
  if (build && !interruptedBySignal()) {
    const started = Date.now();
    process.stdout.write('\n== build: npm run build\n');
    const { code, timedOut } = await runGroup({
      root: ROOT,
      command: 'npm',
      args: ['run', 'build'],
      env,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    built = code === 0;
    const result = built ? 'ok' : timedOut ? 'timed out' : `failed (exit ${code})`;
    rows.push({
      name: 'build',
      result,
      counts: built ? undefined : { passed: 0, failed: 1, skipped: 0 },
      ms: Date.now() - started,
    });
  }
  for (const name of chosen) {
    const layer = LAYERS[name];
    const lacking = layer.needs.filter((part) => missing.has(part));
    if (interruptedBySignal()) rows.push({ name, result: 'not run (interrupted)', ms: 0 });
    else if (lacking.length > 0)
      rows.push({ name, result: `not run (no ${lacking.join(', ')})`, ms: 0 });
    else if (name === 'e2e' && !built) rows.push({ name, result: 'not run (build failed)', ms: 0 });
    else rows.push(await runLayer(name, layer, env));
  }
  const total = printSummary(rows);
  if (interruptedBySignal()) return 130;
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
