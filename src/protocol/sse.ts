/**
 * Server-sent events framing, shared by the server (writing) and browsers (reading over fetch,
 * because `EventSource` cannot send an `Authorization` header and tokens must not go in URLs).
 */

/** Frames one JSON event. */
export function encodeEvent(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** A keep-alive comment; proxies close streams that stay silent too long. */
export const KEEP_ALIVE = ': keep-alive\n\n';

/**
 * Splits a growing text buffer into complete events. Returns the JSON payloads and the
 * unconsumed rest, to be prefixed to the next chunk.
 */
export function decodeEvents(buffer: string): { events: unknown[]; rest: string } {
  const events: unknown[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data) events.push(JSON.parse(data));
  }
  return { events, rest };
}

/** Thrown by {@link readEventStream} when the server refuses the stream (a 4xx or 5xx). */
export class EventStreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`event stream answered ${status}`);
    this.name = 'EventStreamRefused';
  }
}

/**
 * Reads a server-sent event stream over `fetch` until it ends or `init.signal` aborts, calling
 * `onEvent` with each JSON payload. Resolves when the server closes the stream; rejects with
 * {@link EventStreamRefused} for an error status, or the fetch error when the network drops.
 */
export async function readEventStream(
  url: string | URL,
  init: RequestInit,
  onEvent: (event: unknown) => void,
  onOpen?: () => void,
): Promise<void> {
  const response = await fetch(url, { ...init, headers: { ...init.headers, accept: 'text/event-stream' } });
  if (!response.ok || !response.body) {
    throw new EventStreamRefused(response.status, await response.json().catch(() => undefined));
  }
  onOpen?.();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const { events, rest } = decodeEvents(buffer + value);
    buffer = rest;
    events.forEach(onEvent);
  }
}
