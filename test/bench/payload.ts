import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleBaseline } from './support/rollup-build.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(root, 'dist');
const entryFile = join(distDir, 'digitale-balie.js');

/** Raw, gzip (level 9) and brotli (quality 11) bytes of one file: what a CDN would send. */
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PayloadResult {
  entry: Sizes;
  /**
   * What the launcher needs before it shows: the first script plus the config validator, which
   * the first script fetches at the same time as the config (sizes summed per file).
   */
  firstView: Sizes;
  stages: Sizes;
  /** The booking chunk with the chunks it imports itself (texts, shared schema code). */
  booking: Sizes;
  call: Sizes;
  baselineCall: Sizes;
  files: { entry: string; stages: string; call: string; booking: string[]; configValidate: string };
  /** When dist/ was built: the numbers are of that build. */
  builtAt: string;
}

export function sizesOf(code: string | Buffer): Sizes {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Whether dist/ holds the entry and every chunk it imports (another build may be half done). */
async function isComplete(): Promise<boolean> {
  if (!existsSync(entryFile)) return false;
  const chunks = await distChunks().catch(() => undefined);
  return !!chunks && existsSync(join(distDir, chunks.stages)) && existsSync(join(distDir, chunks.call));
}

/**
 * Makes sure dist/ is whole: waits up to two minutes for a build someone else is running (others
 * share this checkout), then runs `npm run build` itself when dist/ is still missing or partial.
 */
export async function ensureBuilt(): Promise<void> {
  const deadline = Date.now() + 2 * 60_000;
  if (existsSync(distDir)) {
    while (!(await isComplete()) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 1_000));
  }
  if (await isComplete()) return;
  console.error('bench: dist/ is missing or partial, running `npm run build`');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0) throw new Error(`bench: \`npm run build\` failed (exit ${result.status})`);
}

/**
 * The chunks the entry really imports. dist/chunks/ can hold stale chunks of earlier builds (rollup
 * does not clean it), so the names come from the entry's own import() calls.
 */
export async function distChunks(): Promise<{ stages: string; call: string; booking: string; configValidate: string }> {
  const entry = await readFile(entryFile, 'utf8');
  const find = (code: string, name: string, from: string) => {
    const match = new RegExp(`["'\`]\\./(?:chunks/)?(${name}-[\\w-]+\\.js)["'\`]`).exec(code);
    if (!match) throw new Error(`bench: ${from} imports no chunks/${name}-*.js; rebuild with npm run build`);
    return `chunks/${match[1]!}`;
  };
  const stages = find(entry, 'stages', 'dist/digitale-balie.js');
  // The call is fetched by the stages chunk (the waiting room preloads it), not by the entry.
  const call = find(await readFile(join(distDir, stages), 'utf8'), 'balie-call', `dist/${stages}`);
  return { stages, call, booking: find(entry, 'booking', 'dist/digitale-balie.js'), configValidate: find(entry, 'config-validate', 'dist/digitale-balie.js') };
}

/** `chunk` and the chunks it imports statically (not the entry), as paths under dist/. */
async function withOwnImports(chunk: string): Promise<string[]> {
  const code = await readFile(join(distDir, chunk), 'utf8');
  const imported = [...code.matchAll(/(?:from|import)\s*["']\.\/([\w-]+\.js)["']/g)]
    .map((m) => `chunks/${m[1]}`)
    .filter((file) => existsSync(join(distDir, file)));
  return [chunk, ...new Set(imported)];
}

function sumSizes(all: Sizes[]): Sizes {
  return all.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
}

/** Payload benchmark: sizes of what a citizen downloads, and of a bare LiveKit build. */
export async function measurePayload(): Promise<PayloadResult> {
  await ensureBuilt();
  const chunks = await distChunks();
  // Read together, right away: another engineer's build may replace dist/ at any moment.
  const bookingFiles = await withOwnImports(chunks.booking);
  const [entry, stages, call, validate, ...booking] = await Promise.all(
    ['digitale-balie.js', chunks.stages, chunks.call, chunks.configValidate, ...bookingFiles].map((file) => readFile(join(distDir, file))),
  );
  const outDir = await mkdtemp(join(tmpdir(), 'balie-bench-payload-'));
  try {
    const baseline = await bundleBaseline(join(root, 'test/bench/baselines/call-features.ts'), outDir);
    const { mtime } = await stat(entryFile);
    return {
      entry: sizesOf(entry!),
      firstView: sumSizes([sizesOf(entry!), sizesOf(validate!)]),
      stages: sizesOf(stages!),
      booking: sumSizes(booking.map((code) => sizesOf(code))),
      call: sizesOf(call!),
      baselineCall: sizesOf(baseline.code),
      files: {
        entry: 'dist/digitale-balie.js',
        stages: `dist/${chunks.stages}`,
        call: `dist/${chunks.call}`,
        booking: bookingFiles.map((file) => `dist/${file}`),
        configValidate: `dist/${chunks.configValidate}`,
      },
      builtAt: mtime.toISOString(),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
