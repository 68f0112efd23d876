import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consolePost, signIn, takeTicket, testApp, useTestStore } from './helpers.js';

describe('many attempts at the same thing at once', () => {
  const db = useTestStore();

  it('admit a waiting citizen exactly once out of 200 concurrent admits', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { ticket } = await takeTicket(app);
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        consolePost(app, cookie, `/api/console/tickets/${ticket.id}/admit`),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const response of responses) {
      byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(byStatus), { 200: 1, 409: 199 });
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'already_admitted');
    }
    const { rows } = await db.query<{ room: string }>(
      `SELECT room FROM waiting_ticket WHERE state = 'admitted'`,
    );
    assert.equal(rows.length, 1, 'one call room');
  });
});
