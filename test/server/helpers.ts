import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, beforeEach } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TokenVerifier } from 'livekit-server-sdk';
import {
  decodeEvents,
  type AdmitResponse,
  type BalieConfig,
  type CreateTicketResponse,
  type ErrorCode,
} from '../../src/protocol/index.js';
import { buildApp, type BalieServerOptions } from '../../src/server/app.js';
import { openStore, type Db } from '../../src/server/store/index.js';

export const testConfig: BalieConfig = {
  municipality: { name: 'Gemeente Testdorp' },
  products: [
    { id: 'paspoort', name: 'Paspoort aanvragen' },
    { id: 'rijbewijs', name: 'Rijbewijs verlengen' },
  ],
};

/** Nothing listens on port 1: every LiveKit API call fails at once, as the tests want. */
export const testLivekit = {
  url: 'ws://127.0.0.1:1',
  apiKey: 'test-key',
  apiSecret: 'test-secret-of-at-least-thirty-two-chars',
};

export const ACCESS_CODE = 'open-sesame-123';
export const ALLOWED_ORIGIN = 'https://www.testdorp.nl';
export const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * The Postgres the suite runs against when set (CI: `postgres://root@127.0.0.1:5432/test`);
 * otherwise PGlite in memory. The same tests run on both (TESTING.md).
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** Skip reason for tests that need several processes on one database, which PGlite is not. */
export const NEEDS_POSTGRES = TEST_DATABASE_URL
  ? false
  : 'needs TEST_DATABASE_URL: PGlite serves one process, so several instances need Postgres';

/**
 * The Redis the Redis fan-out tests use: TEST_REDIS_URL, else this machine's and CI's own at
 * 127.0.0.1:6379.
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Skip reason for tests that need Redis, or `false` when it answers a PING within a second. Asked
 * once per file, at load (top-level await), so a missing Redis is a clear skip and not a timeout.
 */
export async function needsRedis(): Promise<string | false> {
  const url = new URL(TEST_REDIS_URL);
  const answer = await new Promise<string>((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(1000, () => socket.destroy(new Error('no answer within 1 s')));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
    socket.on('error', (error) => resolve(error.message));
  });
  return answer === '+PONG'
    ? false
    : `needs Redis at ${url.host} (TEST_REDIS_URL), which answered: ${answer}`;
}

/** A store of its own for a test file; see {@link useTestStore}. */
export interface TestStore {
  db: Db;
  /** Opens another connection to the same store (Postgres only): a second server instance. */
  openTwin(): Promise<Db>;
  /** Closes the store and, on Postgres, drops its schema. */
  dispose(): Promise<void>;
}

/**
 * Opens a store for one test file: PGlite in memory, or on TEST_DATABASE_URL a fresh schema of its
 * own (files run in parallel against one database), dropped by `dispose`.
 */
export async function openTestStore(): Promise<TestStore> {
  if (!TEST_DATABASE_URL) {
    const db = await openStore();
    return {
      db,
      openTwin: () => Promise.reject(new Error('test-store: PGlite has no second connection')),
      dispose: () => db.close(),
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const options = { databaseUrl: TEST_DATABASE_URL, schema };
  const db = await openStore(options);
  return {
    db,
    openTwin: () => openStore(options),
    async dispose() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}

/**
 * The per-file store setup every server test file shares: one store for the file (PGlite takes
 * seconds to start here), emptied before each test, closed after the last. Returns a {@link Db}
 * that forwards to it, usable in tests once the file's `before` has run.
 */
export function useTestStore(): Db & { store(): TestStore } {
  let current: TestStore | undefined;
  const open = () => {
    if (!current) throw new Error('test-store: used before the test file\'s before() hook ran');
    return current;
  };
  before(async () => {
    current = await openTestStore();
  });
  beforeEach(() => resetStore(open().db));
  after(() => current?.dispose());
  return {
    query: (sql, params) => open().db.query(sql, params),
    exec: (sql) => open().db.exec(sql),
    transaction: (work) => open().db.transaction(work),
    listen: (channel, listener, onReconnect) => open().db.listen(channel, listener, onReconnect),
    notify: (channel, payload) => open().db.notify(channel, payload),
    close: () => Promise.reject(new Error('test-store: the file\'s store is closed by after()')),
    store: open,
  };
}

/**
 * Empties every table of the store but the migration record, whoever's migration made it.
 */
export async function resetStore(db: Db): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (rows.length > 0) await db.exec(`TRUNCATE ${rows.map((row) => row.name).join(', ')}`);
}

/** A fresh app over `db`, closed when the test ends. */
export function testApp(
  t: { after(fn: () => Promise<void>): void },
  db: Db,
  overrides: Partial<BalieServerOptions> = {},
): FastifyInstance {
  const app = buildApp({
    config: testConfig,
    db,
    livekit: testLivekit,
    allowedOrigins: [ALLOWED_ORIGIN],
    consoleAccessCode: ACCESS_CODE,
    ...overrides,
  });
  t.after(() => app.close());
  return app;
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/** A citizen takes a ticket. */
export async function takeTicket(
  app: FastifyInstance,
  body: object = { product: 'paspoort' },
): Promise<CreateTicketResponse> {
  const response = await app.inject({ method: 'POST', url: '/api/tickets', payload: body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<CreateTicketResponse>();
}

/** An employee signs in; returns the `Cookie` header to send. */
export async function signIn(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/console/session',
    headers: JSON_TYPE,
    payload: { accessCode: ACCESS_CODE },
  });
  assert.equal(response.statusCode, 204, response.body);
  const setCookie = String(response.headers['set-cookie']);
  return setCookie.split(';')[0]!;
}

/** The employee admits a ticket; asserts it worked. */
export async function admit(
  app: FastifyInstance,
  cookie: string,
  id: string,
): Promise<AdmitResponse> {
  const response = await consolePost(app, cookie, `/api/console/tickets/${id}/admit`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<AdmitResponse>();
}

/** A console POST as the console page sends it: JSON content type, `{}` body. */
export function consolePost(
  app: FastifyInstance,
  cookie: string,
  url: string,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: { cookie, ...JSON_TYPE }, payload: {} });
}

/** Asserts an {@link ApiErrorBody} with this status and code; returns its message. */
export function assertApiError(
  response: LightMyRequestResponse,
  status: number,
  code: ErrorCode,
): string {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json<{ error: { code: string; message: string } }>();
  assert.equal(body.error.code, code, body.error.message);
  assert.match(body.error.message, /^balie-[a-z]+: ./);
  return body.error.message;
}

/** Verifies a LiveKit token against the test key pair and returns its claims. */
export function verifyToken(token: string) {
  return new TokenVerifier(testLivekit.apiKey, testLivekit.apiSecret).verify(token);
}

/** Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A server-sent-events stream read the way the widget reads it: with fetch. */
export interface EventReader {
  response: Response;
  /** The next event; fails if none comes within `timeoutMs` or the stream ends first. */
  next(timeoutMs?: number): Promise<unknown>;
  /** Resolves when the server ends the stream (after any unread events). */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens an event stream on a listening app. */
export async function readEvents(
  url: string,
  headers: Record<string, string>,
): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const queue: unknown[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const pump = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let rest = '';
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        const decoded = decodeEvents(rest + decoder.decode(value, { stream: true }));
        rest = decoded.rest;
        queue.push(...decoded.events);
        wake?.();
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    } finally {
      done = true;
      wake?.();
    }
  })();
  pump.catch(() => undefined);

  async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    response,
    async next(timeoutMs = 5000) {
      await until(() => queue.length > 0 || done, timeoutMs, 'an event');
      if (queue.length === 0) throw new Error('the stream ended without another event');
      return queue.shift();
    },
    async ended(timeoutMs = 5000) {
      await until(() => done, timeoutMs, 'the stream to end');
    },
    close: () => abort.abort(),
  };
}
