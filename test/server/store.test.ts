import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TicketEvent } from '../../src/protocol/index.js';
import { migrate, openStore, type Db } from '../../src/server/store/index.js';
import {
  TEST_DATABASE_URL,
  bearer,
  openTestStore,
  readEvents,
  takeTicket,
  testApp,
} from './helpers.js';

const migrationFiles = async () =>
  (await readdir(new URL('../../src/server/store/migrations/', import.meta.url)))
    .filter((name) => name.endsWith('.sql'))
    .map((name) => name.replace(/\.sql$/, ''))
    .sort();

/**
 * A store that can be closed and opened again on the same data: a PGlite directory, or a schema of
 * its own on TEST_DATABASE_URL.
 */
async function reopenableStore(t: { after(fn: () => Promise<void>): void }) {
  if (TEST_DATABASE_URL) {
    // test.db stays open only to drop the schema at the end; each "server start" opens its own.
    const test = await openTestStore();
    let twin: Db | undefined;
    t.after(async () => {
      await twin?.close();
      await test.dispose();
    });
    return async () => {
      await twin?.close();
      twin = await test.openTwin();
      return twin;
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'balie-store-'));
  let current: Db | undefined;
  t.after(async () => {
    await current?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return async () => {
    await current?.close();
    current = await openStore({ dataDir });
    return current;
  };
}

describe('the store', () => {
  it("keeps the citizen's place when the server restarts", async (t) => {
    const reopen = await reopenableStore(t);
    const first = testApp(t, await reopen());
    const base = await first.listen({ host: '127.0.0.1', port: 0 });
    await takeTicket(first);
    const { secret, ticket } = await takeTicket(first);
    const before = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    t.after(() => before.close());
    assert.equal(((await before.next()) as TicketEvent).type, 'ticket');
    await first.close();
    await before.ended();

    const db = await reopen();
    const second = testApp(t, db);
    const newBase = await second.listen({ host: '127.0.0.1', port: 0 });
    const after = await readEvents(`${newBase}/api/tickets/current/events`, bearer(secret));
    t.after(() => after.close());
    assert.deepEqual(
      await after.next(),
      { type: 'ticket', ticket: { ...ticket, position: 2 } } satisfies TicketEvent,
      'the reconnected stream has the same place in the queue',
    );

    assert.deepEqual(await migrate(db), [], 'a second start applies no migration again');
    const { rows } = await db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      rows.map((row) => row.version),
      await migrationFiles(),
    );
    await second.close(); // before the store closes (t.after hooks run first-registered first)
  });
});
