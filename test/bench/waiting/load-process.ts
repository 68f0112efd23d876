/**
 * A load generator in its own process: takes tickets like citizens do (POST /api/tickets), holds
 * their event streams (GET /api/tickets/current/events, one socket each, as one browser each
 * would), and timestamps when a change reaches each stream. Plain node:http: the generator must
 * cost less than what it measures. Talks to the benchmark through serveRequests().
 */
import { Agent, request, type ClientRequest } from 'node:http';
import { nowMs } from '../support/stats.js';
import { sayReady, serveRequests } from '../support/worker.js';

const baseUrl = new URL(process.env.BENCH_SERVER_URL ?? '');
const created: string[] = [];

interface HeldStream {
  request: ClientRequest;
  buffer: string;
  open: boolean;
  armed: boolean;
  /** When the first event after arming arrived. */
  arrival?: number;
}
const streams: HeldStream[] = [];
let lastEventAt = 0;

function postTicket(agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ product: 'paspoort' });
    const req = request(
      new URL('/api/tickets', baseUrl),
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode !== 201) return reject(new Error(`POST /api/tickets answered ${res.statusCode}: ${text.slice(0, 200)}`));
          resolve((JSON.parse(text) as { secret: string }).secret);
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('POST /api/tickets timed out after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
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

function onData(stream: HeldStream, chunk: string, onFirstEvent: () => void): void {
  stream.buffer += chunk;
  const blocks = stream.buffer.split('\n\n');
  stream.buffer = blocks.pop() ?? '';
  // Keep-alive comments are not events.
  if (!blocks.some((block) => block.startsWith('data:') || block.includes('\ndata:'))) return;
  const at = nowMs();
  lastEventAt = at;
  if (stream.armed && stream.arrival === undefined) stream.arrival = at;
  onFirstEvent();
}

/** Opens one stream and resolves on its first event (the snapshot). */
function holdStream(secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/tickets/current/events', baseUrl), {
      agent: false,
      headers: { authorization: `Bearer ${secret}`, accept: 'text/event-stream' },
    });
    const stream: HeldStream = { request: req, buffer: '', open: true, armed: false };
    const timer = setTimeout(() => req.destroy(new Error('no snapshot within 30 s')), 30_000);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        res.resume();
        return reject(new Error(`GET /api/tickets/current/events answered ${res.statusCode}`));
      }
      streams.push(stream);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) =>
        onData(stream, chunk, () => {
          clearTimeout(timer);
          resolve();
        }),
      );
      res.on('close', () => (stream.open = false));
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      stream.open = false;
      reject(error);
    });
    req.end();
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
  for (const stream of streams) stream.request.destroy();
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
