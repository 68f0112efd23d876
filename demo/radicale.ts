import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarQuery } from 'tsdav';
// @ts-expect-error -- plain ESM script without type declarations
import { findRadicale } from '../scripts/provision.mjs';
import { provisionOnce } from './provision-lock.js';
import { stopProcess } from './stop-process.js';
import { freePort } from './free-port.js';

/**
 * A real CalDAV server for the demo (`BALIE_DEMO_CALDAV=1 npm start`) and the tests: Debian's
 * Radicale on a loopback port, with its own storage folder.
 */
export interface Radicale {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** The balie's account: may read and write every calendar (rights `authenticated`). */
  balie: { username: string; password: string };
  /** The password of the employees' accounts `anna` and `piet` (for a calendar app). */
  password: string;
  /** Makes `/<owner>/<name>/` as a calendar, as a person's calendar app would; returns its path. */
  makeCalendar(owner: string, name: string): Promise<string>;
  /** Puts an event by hand (a person's calendar app): `ics` as `<uid>.ics` in the calendar. */
  putEvent(calendarPath: string, uid: string, ics: string): Promise<void>;
  /** Every event in a calendar, as stored. */
  events(calendarPath: string): Promise<{ url: string; ics: string }[]>;
  /** Stops the server (storage kept): the coupling's calendar is "down". */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * Starts Radicale with htpasswd users `balie` (the server's account) and `anna`, `piet`
 * (employees), all with one random password; `port` default: a free one; `storage` (the
 * calendars, kept by `dispose()`) default: the temp folder. The caller stops it with `dispose()`,
 * also on failure.
 */
export async function startRadicale(options: { port?: number; storage?: string } = {}): Promise<Radicale> {
  const bin = await provisionOnce('radicale', findRadicale);
  const dir = await mkdtemp(join(tmpdir(), 'balie-radicale-'));
  const port = options.port || (await freePort());
  const collections = options.storage ?? join(dir, 'collections');
  const password = randomBytes(12).toString('hex');
  const users = ['balie', 'anna', 'piet'];
  await writeFile(join(dir, 'users'), users.map((user) => `${user}:${password}`).join('\n') + '\n');
  await writeFile(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = authenticated',
      '[storage]',
      `filesystem_folder = ${collections}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}/`;
  const auth = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const output: string[] = [];
    const started = spawn(bin, ['--config', join(dir, 'config')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk) => output.push(String(chunk)));
    started.stderr!.on('data', (chunk) => output.push(String(chunk)));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`radicale exited (${started.exitCode}) while starting: ${output.join('').slice(-2000)}`);
      const answered = await fetch(url, { method: 'OPTIONS' }).then(() => true, () => false);
      if (answered) return;
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`radicale did not answer on ${url} within 20 s: ${output.join('').slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    await stopProcess(running);
  }

  await start().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  return {
    url,
    port,
    balie: { username: 'balie', password },
    password,
    async makeCalendar(owner, name) {
      const path = `/${owner}/${name}/`;
      const response = await fetch(new URL(path, url), {
        method: 'MKCALENDAR',
        headers: { ...auth(owner), 'content-type': 'application/xml' },
        body:
          '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">' +
          `<D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`,
      });
      if (response.status === 201) return path;
      // Kept storage (the demo's `.data/`) has it from an earlier start.
      const exists = await fetch(new URL(path, url), { method: 'PROPFIND', headers: { ...auth(owner), depth: '0' } });
      if (exists.status === 207) return path;
      throw new Error(`radicale: MKCALENDAR ${path} answered ${response.status}: ${await response.text()}`);
    },
    async putEvent(calendarPath, uid, ics) {
      const response = await fetch(new URL(`${calendarPath}${uid}.ics`, url), {
        method: 'PUT',
        headers: { ...auth('anna'), 'content-type': 'text/calendar; charset=utf-8' },
        body: ics,
      });
      if (response.status >= 300) throw new Error(`radicale: PUT ${uid} answered ${response.status}: ${await response.text()}`);
    },
    async events(calendarPath) {
      const responses = await calendarQuery({
        url: new URL(calendarPath, url).href,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' } } } },
        depth: '1',
        headers: auth('anna'),
      });
      return responses.map((r) => {
        const data = r.props?.calendarData as { _cdata?: string } | string | undefined;
        return { url: new URL(r.href ?? '', url).href, ics: typeof data === 'string' ? data : (data?._cdata ?? '') };
      });
    },
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
