import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sha256Hex } from '../../src/server/http/secrets.js';
import type { Db } from '../../src/server/store/index.js';
import {
  assertApiError,
  JSON_TYPE,
  readEvents,
  signIn,
  takeTicket,
  TEST_DATABASE_URL,
  testApp,
  useTestStore,
} from './helpers.js';

describe("the employee's console session (issue #7)", () => {
  const db = useTestStore();

  async function whoIs(app: FastifyInstance, cookie: string): Promise<number> {
    return (await app.inject({ url: '/api/console/session', headers: { cookie } })).statusCode;
  }

  const idleFor = (minutes: number) =>
    db.query(`UPDATE employee_session SET last_used_at = now() - make_interval(mins => $1)`, [minutes]);

  it('ends after half an hour without a request, and every request restarts that half hour', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    await idleFor(29);
    assert.equal(await whoIs(app, cookie), 200);
    await idleFor(29);
    const queue = await app.inject({ url: '/api/console/queue', headers: { cookie } });
    assert.equal(queue.statusCode, 200, 'still signed in: the last request was 29 minutes ago');
    await idleFor(31);
    assert.equal(await whoIs(app, cookie), 401);
    assertApiError(await app.inject({ url: '/api/console/queue', headers: { cookie } }), 401, 'unauthorized');
  });

  it('ends at its absolute end however busy', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    await db.exec(`UPDATE employee_session SET expires_at = now() - interval '1 second', last_used_at = now()`);
    assert.equal(await whoIs(app, cookie), 401);
  });

  it('takes its lifetimes from the settings', async (t) => {
    const app = testApp(t, db, { sessions: { employeeIdleSeconds: 300, employeeMaxSeconds: 3600 } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/console/session',
      headers: JSON_TYPE,
      payload: { accessCode: 'open-sesame-123' },
    });
    assert.match(String(response.headers['set-cookie']), /Max-Age=3600(;|$)/);
    const { rows } = await db.query<{ idle: number; max: number }>(
      `SELECT idle_seconds AS idle, round(extract(epoch FROM expires_at - created_at))::int AS max FROM employee_session`,
    );
    assert.deepEqual(rows, [{ idle: 300, max: 3600 }]);
    await idleFor(6);
    assert.equal(await whoIs(app, String(response.headers['set-cookie']).split(';')[0]!), 401);
  });

  it("refuses a cross-site form posted with the employee's cookie, and changes nothing", async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { ticket } = await takeTicket(app);
    // What a hostile page's <form method=post> sends, in a browser that (unlike today's) still
    // attached the cookie: another site, a form encoding.
    const forged = await app.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/admit`,
      headers: {
        cookie,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'x=1',
    });
    assertApiError(forged, 403, 'forbidden');
    const { rows } = await db.query<{ state: string }>('SELECT state FROM waiting_ticket WHERE id = $1', [ticket.id]);
    assert.deepEqual(rows, [{ state: 'waiting' }], 'the citizen was not admitted');

    const signOut = await app.inject({
      method: 'DELETE',
      url: '/api/console/session',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    assertApiError(signOut, 403, 'forbidden');
    assert.equal(await whoIs(app, cookie), 200, 'nor signed out');

    const signIntoMine = await app.inject({
      method: 'POST',
      url: '/api/console/session',
      headers: { ...JSON_TYPE, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { accessCode: 'open-sesame-123' },
    });
    assertApiError(signIntoMine, 403, 'forbidden');
  });

  it('is dead after sign-out: its cookie opens nothing, and its open queue stream ends', async (t) => {
    const app = testApp(t, db);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const cookie = await signIn(app);
    const events = await readEvents(`${base}/api/console/events`, { cookie });
    t.after(() => events.close());
    assert.equal(events.response.status, 200);
    await events.next();

    const out = await app.inject({ method: 'DELETE', url: '/api/console/session', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    await events.ended(2000);
    assert.equal(await whoIs(app, cookie), 401);
    assertApiError(await app.inject({ url: '/api/console/events', headers: { cookie } }), 401, 'unauthorized');
  });

  it('ends its queue streams on the other instances too, and those of a session that went idle', async (t) => {
    let other: Db = db;
    if (TEST_DATABASE_URL) {
      other = await db.store().openTwin();
      t.after(() => other.close());
    }
    const signer = testApp(t, db);
    const watcher = testApp(t, other, { sweepIntervalMs: 50 });
    const base = await watcher.listen({ host: '127.0.0.1', port: 0 });

    const leaving = await signIn(signer);
    const idle = await signIn(signer);
    const staying = await signIn(signer);
    const streams = await Promise.all(
      [leaving, idle, staying].map((cookie) => readEvents(`${base}/api/console/events`, { cookie })),
    );
    t.after(() => streams.forEach((s) => s.close()));
    for (const stream of streams) await stream.next();

    const out = await signer.inject({ method: 'DELETE', url: '/api/console/session', headers: { cookie: leaving } });
    assert.equal(out.statusCode, 204);
    await db.query(
      `UPDATE employee_session SET last_used_at = now() - interval '31 minutes' WHERE id_hash = $1`,
      [sha256Hex(idle.split('=')[1]!)],
    );
    await streams[0]!.ended(3000);
    await streams[1]!.ended(3000);
    await takeTicket(signer);
    const update = (await streams[2]!.next()) as { entries: unknown[] };
    assert.equal(update.entries.length, 1, 'the live session still hears of the queue');
  });
});
