/**
 * A load generator in its own process: books (POST /api/bookings), takes tickets like citizens do (POST /api/tickets), holds
 * their event streams (GET /api/tickets/current/events, one socket each, as one browser each
 * would), and timestamps when a change reaches each stream. Plain node:http for requests, plain
 * sockets for held streams: the generator must cost less than what it measures. Talks to the benchmark through serveRequests().
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { nowMs } from '../support/stats.js';
import { sayReady, serveRequests } from '../support/worker.js';

const baseUrl = new URL(process.env.BENCH_SERVER_URL ?? '');
const created: string[] = [];

interface HeldStream {
  socket: Socket;
  /** The last bytes of the previous chunk, in case an event's `data:` is split across reads. */
  tail: Buffer;
  open: boolean;
  armed: boolean;
  /** When the first event after arming arrived. */
  arrival?: number;
}
const streams: HeldStream[] = [];
let lastEventAt = 0;

/** One request with plain node:http on a kept-alive `agent`: its status and body. */
function send(agent: Agent, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const bodyHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const req = request(new URL(path, baseUrl), { method, agent, headers: { ...bodyHeaders, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out after 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function postTicket(agent: Agent): Promise<string> {
  const { status, text } = await send(agent, 'POST', '/api/tickets', JSON.stringify({ product: 'paspoort' }));
  if (status !== 201) throw new Error(`POST /api/tickets answered ${status}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { secret: string }).secret;
}

/** Runs `concurrency` loops of `task` until `more()` says stop; counts successes and errors. */
async function loops(concurrency: number, more: () => boolean, task: () => Promise<void>) {
  let count = 0;
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        try {
          await task();
          count += 1;
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  return { count, errors, firstError };
}

async function createTickets(count: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const started = nowMs();
  let issued = 0;
  const result = await loops(
    concurrency,
    () => issued++ < count,
    async () => void created.push(await postTicket(agent)),
  );
  agent.destroy();
  return { ...result, ms: nowMs() - started };
}

async function throughput(durationMs: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const started = nowMs();
  const deadline = started + durationMs;
  const result = await loops(concurrency, () => nowMs() < deadline, async () => void (await postTicket(agent)));
  agent.destroy();
  return { ...result, ms: nowMs() - started };
}

/**
 * `concurrency` clients book `product` for `durationMs`, three aiming at each slot in turn, so the
 * database's unique index is contended all the time: 201 booked, 409 taken, anything else an error.
 */
async function bookings(durationMs: number, concurrency: number, product: string, pageUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const slots = await send(agent, 'GET', `/api/slots?product=${encodeURIComponent(product)}`);
  if (slots.status !== 200) throw new Error(`GET /api/slots answered ${slots.status}: ${slots.text.slice(0, 200)}`);
  const starts = (JSON.parse(slots.text) as { days: { slots: { start: string }[] }[] }).days.flatMap((d) => d.slots.map((slot) => slot.start));
  let attempt = 0;
  let booked = 0;
  let taken = 0;
  const started = nowMs();
  const deadline = started + durationMs;
  const result = await loops(concurrency, () => nowMs() < deadline, async () => {
    const start = starts[Math.floor(attempt++ / 3) % starts.length]!;
    const body = JSON.stringify({ product, start, details: { name: 'Bench', email: 'bench@example.nl' }, consent: 'yes', pageUrl });
    const { status, text } = await send(agent, 'POST', '/api/bookings', body, { 'idempotency-key': randomBytes(16).toString('base64url') });
    if (status === 201) booked += 1;
    else if (status === 409) taken += 1;
    else throw new Error(`POST /api/bookings answered ${status}: ${text.slice(0, 200)}`);
  });
  agent.destroy();
  return { booked, taken, errors: result.errors, firstError: result.firstError, ms: nowMs() - started };
}

const DATA_FIELD = Buffer.from('data:');

/**
 * Sees whether a chunk of the response carries an event, not only a keep-alive comment. Raw
 * bytes, no HTTP parser: a held stream's only job is to notice an event and timestamp it, and
 * 5,000 of them share two cores with the server they measure. The `tail` keeps the last bytes of
 * the previous chunk, so a `data:` split across two reads is still seen.
 */
function onData(stream: HeldStream, chunk: Buffer, onFirstEvent: () => void): void {
  const seen = stream.tail.length > 0 ? Buffer.concat([stream.tail, chunk]) : chunk;
  stream.tail = seen.subarray(Math.max(0, seen.length - (DATA_FIELD.length - 1)));
  if (seen.indexOf(DATA_FIELD) === -1) return;
  // One event is enough: the next must not match the bytes we have already counted.
  stream.tail = Buffer.alloc(0);
  const at = nowMs();
  lastEventAt = at;
  if (stream.armed && stream.arrival === undefined) stream.arrival = at;
  onFirstEvent();
}

/**
 * Opens one stream over a plain socket and resolves on its first event (the snapshot). The
 * request is written by hand; the status line is checked, the rest is scanned for events.
 */
function holdStream(secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: baseUrl.hostname, port: Number(baseUrl.port) });
    const stream: HeldStream = { socket, tail: Buffer.alloc(0), open: true, armed: false };
    let head: Buffer | undefined = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error('no snapshot within 30 s')), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      stream.open = false;
      reject(error);
    };
    socket.setNoDelay(true);
    socket.on('connect', () =>
      socket.write(
        `GET /api/tickets/current/events HTTP/1.1\r\nhost: ${baseUrl.host}\r\n` +
          `authorization: Bearer ${secret}\r\naccept: text/event-stream\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      if (head) {
        head = Buffer.concat([head, chunk]);
        const lineEnd = head.indexOf('\r\n');
        if (lineEnd === -1) return;
        const line = head.subarray(0, lineEnd).toString('latin1');
        head = undefined;
        if (!/^HTTP\/1\.1 200 /.test(line)) {
          socket.destroy();
          return fail(new Error(`GET /api/tickets/current/events answered "${line}"`));
        }
        streams.push(stream);
      }
      onData(stream, chunk, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    socket.on('close', () => (stream.open = false));
    socket.on('error', fail);
  });
}

async function openStreams(concurrency: number) {
  const todo = created.splice(0);
  const result = await loops(concurrency, () => todo.length > 0, () => holdStream(todo.pop()!));
  return { ...result, held: streams.filter((s) => s.open).length };
}

/** Resolves once no event has arrived for `quietMs`, or after `maxMs`. */
async function quiet(quietMs: number, maxMs: number) {
  const deadline = nowMs() + maxMs;
  while (nowMs() < deadline) {
    if (nowMs() - lastEventAt >= quietMs) return { quiet: true };
    await new Promise((done) => setTimeout(done, 50));
  }
  return { quiet: false };
}

async function collect(timeoutMs: number) {
  const deadline = nowMs() + timeoutMs;
  const armed = streams.filter((s) => s.armed);
  while (nowMs() < deadline && armed.some((s) => s.arrival === undefined && s.open)) {
    await new Promise((done) => setTimeout(done, 20));
  }
  for (const s of armed) s.armed = false;
  const arrivals = armed.flatMap((s) => (s.arrival === undefined ? [] : [Math.round(s.arrival * 100) / 100]));
  return { arrivals, missing: armed.length - arrivals.length, closed: armed.filter((s) => !s.open).length };
}

function closeAll(): void {
  for (const stream of streams) stream.socket.destroy();
  streams.length = 0;
}

serveRequests(
  async (message) => {
    switch (message.cmd) {
      case 'create':
        return createTickets(message.count, message.concurrency);
      case 'open':
        return openStreams(message.concurrency);
      case 'quiet':
        return quiet(message.quietMs, message.maxMs);
      case 'arm': {
        const open = streams.filter((s) => s.open);
        for (const s of open) {
          s.armed = true;
          s.arrival = undefined;
        }
        return { armed: open.length };
      }
      case 'collect':
        return collect(message.timeoutMs);
      case 'throughput':
        return throughput(message.durationMs, message.concurrency);
      case 'bookings':
        return bookings(message.durationMs, message.concurrency, message.product, message.pageUrl);
      case 'close':
        closeAll();
        return {};
      default:
        throw new Error(`unknown command ${message.cmd}`);
    }
  },
  async () => closeAll(),
);
sayReady();
