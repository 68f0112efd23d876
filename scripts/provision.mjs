#!/usr/bin/env node
/**
 * Finds — and when it can, installs — the real programs the tests need: Debian's Chromium,
 * livekit-server, Debian's Radicale (a CalDAV server) and Debian's clamd (ClamAV's scanner). Nothing else is ever downloaded, and
 * there is no fake fallback: when a part is missing and cannot be provisioned, the Error says
 * exactly what is missing and how to get it.
 *
 * Run directly (`node scripts/provision.mjs`) to provision them all and print their paths.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The livekit-server release the tests are written against (see /work/shared/TESTING.md). */
export const LIVEKIT_VERSION = 'v1.13.5';

const LIVEKIT_MODULE = 'github.com/livekit/livekit-server/cmd/server';
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const DEBIAN_RADICALE = '/usr/bin/radicale';
const DEBIAN_CLAMD = '/usr/sbin/clamd';

/** @param {string} file */
async function isExecutable(file) {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false; // absent or not executable: both mean "not usable", which is the answer asked for
  }
}

/** @param {string} name @returns {Promise<string | undefined>} */
async function whichOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return resolve(dir, name);
  }
  return undefined;
}

/** @param {string} text */
function heading(text) {
  process.stderr.write(`\n== ${text}\n`);
}

/**
 * Runs a command with its output streamed live, keeping the last lines of stderr so a failure can
 * quote them. Resolves with the exit code (a signal counts as a failure).
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @returns {Promise<{ code: number, stderrTail: string }>}
 */
function runStreaming(command, args, options) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'inherit', 'pipe'] });
    /** @type {string[]} */
    let tail = [];
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      tail = [...tail, ...String(chunk).split('\n')].filter(Boolean).slice(-25);
    });
    child.on('error', fail);
    child.on('close', (code, signal) =>
      done({ code: code ?? (signal ? 1 : 0), stderrTail: tail.join('\n') }),
    );
  });
}

/**
 * Returns the absolute path of the Chromium the tests drive: `CHROME_PATH`, then Debian's
 * `/usr/bin/chromium`, else installs Debian's package when running as root. Test tools' own
 * browser downloads are never used: there is no network for them here.
 * @returns {Promise<string>}
 */
export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    // An explicit override that does not work is a mistake to report, not to route around.
    if (await isExecutable(fromEnv)) return resolve(fromEnv);
    throw new Error(
      `provision: CHROME_PATH=${fromEnv} is not an executable file. Fix or unset CHROME_PATH.`,
    );
  }
  if (await isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return aptInstall('chromium', DEBIAN_CHROMIUM, 'or set CHROME_PATH to a Chromium/Chrome binary');
}

/**
 * Returns the absolute path of Debian's Radicale, the CalDAV server the calendar coupling is
 * tested against (`RADICALE_BIN` overrides), installing the package when running as root.
 * @returns {Promise<string>}
 */
export async function findRadicale() {
  const fromEnv = process.env.RADICALE_BIN;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return resolve(fromEnv);
    throw new Error(`provision: RADICALE_BIN=${fromEnv} is not an executable file. Fix or unset RADICALE_BIN.`);
  }
  if (await isExecutable(DEBIAN_RADICALE)) return DEBIAN_RADICALE;
  return aptInstall('radicale', DEBIAN_RADICALE, 'or set RADICALE_BIN to a radicale 3 executable');
}

/**
 * Returns the absolute path of Debian's `clamd` (package clamav-daemon), the virus scanner PDF
 * documents are tested against (`CLAMD_BIN` overrides), installing the package when running as
 * root. Only the program: the tests give it a signature database of their own (there is no
 * signature download here), and the package's own service is not what they start.
 * @returns {Promise<string>}
 */
export async function findClamd() {
  const fromEnv = process.env.CLAMD_BIN;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return resolve(fromEnv);
    throw new Error(`provision: CLAMD_BIN=${fromEnv} is not an executable file. Fix or unset CLAMD_BIN.`);
  }
  if (await isExecutable(DEBIAN_CLAMD)) return DEBIAN_CLAMD;
  return aptInstall('clamav-daemon', DEBIAN_CLAMD, 'or set CLAMD_BIN to a clamd executable');
}

/**
 * Installs a Debian package that provides `binary`, as root; otherwise says how to.
 * @param {string} pkg @param {string} binary @param {string} otherwise
 * @returns {Promise<string>}
 */
async function aptInstall(pkg, binary, otherwise) {
  const install = `apt-get update && apt-get install -y ${pkg}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `provision: ${pkg} is missing (no ${binary}). Install it with: sudo sh -c '${install}' — ${otherwise}.`,
    );
  }
  heading(`${pkg} is missing: installing Debian's package (${install})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', pkg]]) {
    const { code, stderrTail } = await runStreaming('apt-get', args, { env });
    if (code !== 0) {
      throw new Error(
        `provision: \`apt-get ${args.join(' ')}\` failed (exit ${code}):\n${stderrTail}\n` +
          `Install ${pkg} yourself with: ${install} — ${otherwise}.`,
      );
    }
  }
  if (await isExecutable(binary)) return binary;
  throw new Error(`provision: apt-get installed ${pkg} but ${binary} is still missing.`);
}

/** Where our own build of livekit-server lives; `go install` names the binary after its package. */
export function livekitCachePath() {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'digitale-balie', `livekit-server-${LIVEKIT_VERSION}`, 'server');
}

/**
 * Returns the absolute path of a real livekit-server: `LIVEKIT_SERVER_BIN`, then `livekit-server`
 * on PATH, then our cached build, else builds it once with `go install` (several minutes).
 * @returns {Promise<string>}
 */
export async function findLivekitServer() {
  const fromEnv = process.env.LIVEKIT_SERVER_BIN;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return resolve(fromEnv);
    throw new Error(
      `provision: LIVEKIT_SERVER_BIN=${fromEnv} is not an executable file. Fix or unset LIVEKIT_SERVER_BIN.`,
    );
  }
  const onPath = await whichOnPath('livekit-server');
  if (onPath) return onPath;
  const cached = livekitCachePath();
  if (await isExecutable(cached)) return cached;
  await buildLivekitServer(cached);
  return cached;
}

/** @param {string} target the cache path the finished binary must end up at */
async function buildLivekitServer(target) {
  const module = `${LIVEKIT_MODULE}@${LIVEKIT_VERSION}`;
  const howTo =
    `Install Go 1.26 or newer (https://go.dev/dl/) and run \`npm test\` again, ` +
    `or set LIVEKIT_SERVER_BIN to a livekit-server ${LIVEKIT_VERSION} binary.`;
  const go = await whichOnPath('go');
  if (!go) {
    throw new Error(
      `provision: livekit-server is missing (no LIVEKIT_SERVER_BIN, none on PATH, no build at ${target}) ` +
        `and Go is not installed to build it with \`go install ${module}\`. ${howTo}`,
    );
  }

  heading(
    `Building livekit-server ${LIVEKIT_VERSION} with \`go install ${module}\` — this takes several minutes the first time`,
  );
  const cacheDir = resolve(target, '..');
  await mkdir(resolve(cacheDir, '..'), { recursive: true });
  // go install copies its result into GOBIN in place, so an interrupted build could leave a
  // truncated `server` that later runs would take for a finished one. Building into a private
  // sibling dir and renaming (atomic on one filesystem) keeps the cache path whole or absent, also
  // when two test runs build at once.
  const buildBin = await mkdtemp(join(resolve(cacheDir, '..'), `.build-${LIVEKIT_VERSION}-`));
  try {
    const env = {
      ...process.env,
      GOBIN: buildBin,
      // Last -mod wins: a -mod=vendor in someone's GOFLAGS makes `go install pkg@version` refuse
      // ("cannot query module due to -mod=vendor").
      GOFLAGS: [process.env.GOFLAGS, '-mod=mod'].filter(Boolean).join(' '),
    };
    const { code, stderrTail } = await runStreaming(go, ['install', module], {
      env,
      cwd: tmpdir(),
    });
    if (code !== 0) {
      throw new Error(
        `provision: \`go install ${module}\` failed (exit ${code}):\n${stderrTail}\n${howTo}`,
      );
    }
    await mkdir(cacheDir, { recursive: true });
    await rename(join(buildBin, 'server'), target);
  } finally {
    await rm(buildBin, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const chromium = await findChromium();
    const livekit = await findLivekitServer();
    const radicale = await findRadicale();
    const clamd = await findClamd();
    console.log(`CHROME_PATH=${chromium}`);
    console.log(`LIVEKIT_SERVER_BIN=${livekit}`);
    console.log(`RADICALE_BIN=${radicale}`);
    console.log(`CLAMD_BIN=${clamd}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
