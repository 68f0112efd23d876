import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { WaitingTicketView } from '../../src/protocol/index.js';
import { migrate, openStore } from '../../src/server/store/index.js';
import { bearer, takeTicket, testApp } from './helpers.js';

describe('the store', () => {
  it('keeps the queue across a restart when it has a data directory', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'balie-store-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));

    const firstDb = await openStore({ dataDir });
    const firstApp = testApp(t, firstDb);
    await takeTicket(firstApp);
    const { secret, ticket } = await takeTicket(firstApp);
    await firstApp.close();
    await firstDb.close();

    const db = await openStore({ dataDir });
    t.after(() => db.close());
    const app = testApp(t, db);
    const response = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<WaitingTicketView>(), ticket);
    assert.equal(ticket.position, 2);

    assert.deepEqual(await migrate(db), [], 'a second start applies no migration again');
    const { rows } = await db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      rows.map((row) => row.version),
      ['001_initial'],
    );
  });
});
