/**
 * Runs commands each in its own process group, so that a timeout or Ctrl-C stops everything a
 * command started — test runners spawn browsers, servers and esbuild services — and so that what a
 * command leaves running is found and killed. Used by `npm test` (scripts/test.mjs).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';

const MINUTE = 60_000;
/** Time a killed process group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;
/**
 * After a layer exits, time its leftovers get to close our pipes before they count as left behind.
 */
const EXIT_GRACE_MS = 2_000;
// The terminal's Ctrl-C reaches only our process group; each layer runs in its own: pass it on.
/** @type {{ pid?: number } | undefined} */
let current;
/** @returns {boolean} whether Ctrl-C (or SIGTERM) has asked us to stop */
export const interruptedBySignal = () => interrupted;
let interrupted = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: stop waiting for a clean finish
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the running layer…\n`);
    if (current?.pid) killGroup(current.pid);
  });
}

/** Strips colour codes: children colour their output (nanocolors does so whenever CI is set). */
const stripAnsi = (/** @type {string} */ text) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/** @param {string} command as a person would type it: `node`, not /usr/bin/node */
export function shortName(command, root = process.cwd()) {
  return command === process.execPath ? 'node' : relative(root, command) || command;
}

/** @param {number} pid @param {NodeJS.Signals} [signal] */
function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
    return;
  }
  if (signal !== 'SIGKILL') setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
}

/**
 * Live members of a process group, as `pid command` lines. Read from /proc because a kill(-pgid, 0)
 * probe also answers for zombies, which an orphaned esbuild service briefly is after every build.
 * Elsewhere than Linux this reports none.
 * @param {number} pgid @returns {Promise<string[]>}
 */
async function liveGroupMembers(pgid) {
  if (!existsSync('/proc/self/stat')) return [];
  /** @type {string[]} */
  const members = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    // The process may end while we look; a vanished /proc entry just means it is not a member.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // `pid (comm) state ppid pgrp …`: comm may hold spaces and ')', so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) !== pgid || state === 'Z') continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    members.push(`${pid} ${cmdline.split('\0').join(' ').trim().slice(0, 160)}`);
  }
  return members;
}

/**
 * Runs one command in its own process group with output streamed live and each output line handed
 * to `parse`, bounded by `timeoutMs`. Whatever the command leaves running is killed after it exits.
 * @param {{ root: string, command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number,
 *   parse?: (line: string) => void }} options
 * @returns {Promise<{ code: number, timedOut: boolean }>}
 */
export function runGroup({ root, command, args, env, timeoutMs, parse = () => {} }) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stderr.write(
        `\n${shortName(command)} ran past ${timeoutMs / MINUTE} min: killing it\n`,
      );
      if (child.pid) killGroup(child.pid);
    }, timeoutMs);
    // Both streams are read: summaries go to stdout, but "no test files" is an error on stderr.
    /** @type {Array<[import('node:stream').Readable, NodeJS.WriteStream]>} */
    const streams = [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ];
    const flushers = streams.map(([from, to]) => {
      let pending = '';
      from.on('data', (chunk) => {
        to.write(chunk);
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) parse(stripAnsi(line));
      });
      return () => parse(stripAnsi(pending));
    });

    let code = 1;
    let finished = false;
    const finish = async () => {
      if (finished) return; // both the grace timer and a late 'close' may get here
      finished = true;
      clearTimeout(timer);
      current = undefined;
      for (const flush of flushers) flush();
      const left = child.pid ? await liveGroupMembers(child.pid) : [];
      if (child.pid && left.length > 0) {
        // TESTING.md: every process a test starts is stopped by it. Say so loudly, then clean up.
        process.stderr.write(
          `\nwarning: ${shortName(command)} left processes running; killing them:\n  ${left.join('\n  ')}\n`,
        );
        killGroup(child.pid, 'SIGKILL');
      }
      done({ code, timedOut });
    };
    child.on('error', (error) => {
      process.stderr.write(`could not start ${command}: ${error.message}\n`);
      finished = true;
      clearTimeout(timer);
      current = undefined;
      done({ code: 1, timedOut });
    });
    child.on('exit', (exitCode, signal) => {
      code = exitCode ?? (signal ? 1 : 0);
      // Grandchildren may still hold our pipes; wait for 'close' only so long.
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, EXIT_GRACE_MS);
      child.once('close', () => {
        clearTimeout(grace);
        finish();
      });
    });
  });
}

