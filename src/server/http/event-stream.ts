import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { encodeEvent, KEEP_ALIVE } from '../../protocol/index.js';

/** How often a silent stream sends a comment, so proxies do not drop it. */
export const KEEP_ALIVE_MS = 15_000;

/** One open server-sent-events response. */
export interface EventStream {
  /** Sends `event` unless it equals the last one sent: subscribers only hear about changes. */
  update(event: unknown): void;
  /**
   * Like {@link update} for an event already framed with `encodeEvent`: a fan-out encodes each
   * distinct payload once, however many streams receive it.
   */
  updateEncoded(text: string): void;
  /** Sends `finalEvent` when given, then ends the response. Safe to call twice. */
  close(finalEvent?: unknown): void;
  /** Runs once, when the response ends for any reason (closed by us or by the client). */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

/**
 * Takes the response over from Fastify and turns it into an event stream. Headers already set on
 * the reply (CORS, set by a hook) are kept: browsers read these streams with `fetch`, cross-origin.
 *
 * Updates are snapshots, so for a client that reads slowly only the newest unsent one is kept
 * (written on `drain`) instead of a growing buffer — thousands of streams must stay cheap.
 */
export function openEventStream(reply: FastifyReply, keepAliveMs = KEEP_ALIVE_MS): EventStream {
  reply.hijack();
  const raw = reply.raw;
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) headers[name] = value;
  }
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx buffers responses by default, which would hold events back.
    'x-accel-buffering': 'no',
  });
  raw.flushHeaders();

  let last: string | undefined;
  let pending: string | undefined;
  let open = true;
  const listeners: (() => void)[] = [];
  const write = directWriter(raw);
  const keepAlive = setInterval(() => write.send(KEEP_ALIVE), keepAliveMs);
  keepAlive.unref();

  const stopDraining = write.onDrain(() => {
    if (pending === undefined || !open) return;
    const text = pending;
    pending = undefined;
    write.send(text);
  });
  // 'close' comes both when the client goes away and after we end the response ourselves.
  raw.on('close', () => {
    open = false;
    clearInterval(keepAlive);
    stopDraining();
    for (const listener of listeners.splice(0)) listener();
  });

  function send(text: string): void {
    if (!open || text === last) return;
    last = text;
    if (write.needsDrain()) pending = text;
    else write.send(text);
  }

  return {
    get closed() {
      return !open;
    },
    update(event) {
      if (open) send(encodeEvent(event));
    },
    updateEncoded: send,
    close(finalEvent) {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      if (pending !== undefined) write.send(pending);
      raw.end(finalEvent === undefined ? undefined : encodeEvent(finalEvent));
    },
    onClose(listener) {
      if (open) listeners.push(listener);
      else listener();
    },
  };
}

/** How an event stream puts text on the wire, and hears that the wire has room again. */
interface Writer {
  send(text: string): void;
  needsDrain(): boolean;
  /** Returns how to stop listening: a kept-alive socket outlives the response. */
  onDrain(listener: () => void): () => void;
}

/**
 * Writes each event straight to the socket as one HTTP/1.1 chunk framed by hand, instead of
 * through `ServerResponse.write`, which corks the socket and sends length, data and CRLF as three
 * buffers in a `writev` on the next tick. A fan-out to 5,000 streams spent most of its time there
 * (issue #8). Falls back to the response's own writer where it does not frame chunks itself
 * (an HTTP/1.0 client) or has no socket of its own.
 */
function directWriter(raw: ServerResponse): Writer {
  const socket = raw.socket;
  const chunked = (raw as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding === true;
  if (!socket || !chunked) {
    return {
      send: (text) => void raw.write(text),
      needsDrain: () => raw.writableNeedDrain,
      onDrain: (listener) => {
        raw.on('drain', listener);
        return () => raw.off('drain', listener);
      },
    };
  }
  return {
    send: (text) => void socket.write(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`),
    needsDrain: () => socket.writableNeedDrain,
    onDrain: (listener) => {
      socket.on('drain', listener);
      return () => socket.off('drain', listener);
    },
  };
}
