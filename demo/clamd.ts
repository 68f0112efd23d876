import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain ESM script without type declarations
import { findClamd } from '../scripts/provision.mjs';
import { provisionOnce } from './provision-lock.js';
import { stopProcess } from './stop-process.js';

/**
 * The EICAR test file: every virus scanner reports it, and it harms nothing. Written in two halves
 * so that a scanner reading this source does not flag it.
 */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-' + 'ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A real ClamAV scanner for the tests and the demo: Debian's `clamd` on a Unix socket of its own,
 * in a folder of its own. No signature download is possible here, so its database is one body
 * signature we write (`eicar.ndb`: EICAR anywhere in any file); production runs `freshclam`.
 */
export interface Clamd {
  /** The socket's path, for `BALIE_CLAMD`. */
  socket: string;
  /** Stops it (the folder stays): the scanner is "down". */
  stop(): Promise<void>;
  /** Starts it again on the same socket. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Starts clamd with the EICAR signature; the caller stops it with `dispose()`, also on failure. */
export async function startClamd(): Promise<Clamd> {
  const bin = await provisionOnce('clamd', findClamd);
  const dir = await mkdtemp(join(tmpdir(), 'balie-clamd-'));
  const socket = join(dir, 'clamd.sock');
  await mkdir(join(dir, 'db'));
  await writeFile(join(dir, 'db', 'eicar.ndb'), `Eicar-Test-Signature:0:*:${Buffer.from(EICAR).toString('hex')}\n`);
  await writeFile(
    join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${join(dir, 'db')}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
      'LogTime no',
      // PDFs up to the documents' limit and a margin; clamd's default stream limit is 25 MB.
      'StreamMaxLength 60M',
    ].join('\n') + '\n',
  );
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const output: string[] = [];
    const started = spawn(bin, ['-c', join(dir, 'clamd.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk) => output.push(String(chunk)));
    started.stderr!.on('data', (chunk) => output.push(String(chunk)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`clamd exited (${started.exitCode}) while starting: ${output.join('').slice(-2000)}`);
      if (await answersPing(socket)) return;
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`clamd did not answer on ${socket} within 30 s: ${output.join('').slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await stopProcess(running);
    await rm(socket, { force: true });
  }

  await start().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    socket,
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** clamd's `zPING` → `PONG`: it is up and has its database loaded. */
function answersPing(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = connect({ path: socket });
    let answer = '';
    connection.on('error', () => resolve(false));
    connection.on('data', (chunk) => (answer += String(chunk)));
    connection.on('end', () => resolve(answer.startsWith('PONG')));
    connection.on('connect', () => connection.write('zPING\0'));
  });
}
