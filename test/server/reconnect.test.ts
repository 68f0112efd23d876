import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import type { TicketEvent } from '../../src/protocol/index.js';
import { LISTEN_APPLICATION_NAME } from '../../src/server/store/index.js';
import {
  NEEDS_POSTGRES,
  TEST_REDIS_URL,
  admit,
  bearer,
  needsRedis,
  readEvents,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
  waitFor,
} from './helpers.js';

const redisSkip = await needsRedis();

describe('queue notifications after their connection is lost', () => {
  const db = useTestStore();

  /**
   * A citizen second in line on a listening app; returns a way to make the one ahead leave
   * WITHOUT any notification (straight in the table, as a change whose message was lost would
   * look), and the citizen's stream.
   */
  async function secondInLine(t: TestContext, redis?: { url: string; channel: string }) {
    const app = testApp(t, db, { redis });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const ahead = await takeTicket(app);
    const { secret, ticket } = await takeTicket(app);
    const citizen = await readEvents(`${base}/api/tickets/current/events`, bearer(secret));
    t.after(() => citizen.close());
    assert.equal(((await citizen.next()) as TicketEvent).type, 'ticket');
    const silentlyLeave = () =>
      db.query(
        `UPDATE waiting_ticket SET state = 'ended', end_reason = 'left', ended_at = now() WHERE id = $1`,
        [ahead.ticket.id],
      );
    return { citizen, ticket, silentlyLeave };
  }

  it(
    "reconnects LISTEN with backoff when Postgres kills it, and catches up on what it missed",
    { skip: NEEDS_POSTGRES },
    async (t) => {
      const { citizen, ticket, silentlyLeave } = await secondInLine(t);
      const { rows } = await db.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE application_name = $1 AND query = 'LISTEN "' || current_schema() || '.balie_queue"'`,
        [LISTEN_APPLICATION_NAME],
      );
      assert.deepEqual(rows, [{ terminated: true }], "the app's one LISTEN connection is killed");
      // The first reconnect attempt waits 100 ms: this change falls in the gap.
      await silentlyLeave();
      assert.deepEqual(
        await citizen.next(5000),
        { type: 'ticket', ticket: { ...ticket, position: 1 } },
        'the citizen hears the change made while notifications were down',
      );

      // And it listens again: a change announced by another instance reaches this one.
      const listening = await waitFor(async () => {
        const { rows: again } = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1
           AND query = 'LISTEN "' || current_schema() || '.balie_queue"'`,
          [LISTEN_APPLICATION_NAME],
        );
        return again.length === 1 ? true : undefined;
      }, 'the LISTEN connection to be back');
      assert.ok(listening);
      const other = testApp(t, db);
      await admit(other, await signIn(other), ticket.id);
      assert.deepEqual(await citizen.next(1000), {
        type: 'ticket',
        ticket: { ...ticket, state: 'admitted', position: 0 },
      });
    },
  );

  it(
    'resubscribes to Redis when its connection is killed, and catches up on what it missed',
    { skip: redisSkip },
    async (t) => {
      const channel = `balie_test_${randomUUID()}`;
      const { citizen, ticket, silentlyLeave } = await secondInLine(t, {
        url: TEST_REDIS_URL,
        channel,
      });
      const admin = new Redis(TEST_REDIS_URL);
      t.after(() => admin.quit().then(() => undefined));
      const clients = String(await admin.client('LIST'));
      const id = /id=(\d+) .*name=balie-sub:(\S+)/
        .exec(clients.split('\n').find((line) => line.includes(`name=balie-sub:${channel}`)) ?? '')
        ?.at(1);
      assert.ok(id, 'the subscriber is in CLIENT LIST under its name');
      await admin.client('KILL', 'ID', id);
      await silentlyLeave();
      assert.deepEqual(
        await citizen.next(5000),
        { type: 'ticket', ticket: { ...ticket, position: 1 } },
        'the citizen hears the change made while the subscription was down',
      );
      const subscribed = await waitFor(async () => {
        const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
        return count === 1 ? true : undefined;
      }, 'the channel to be subscribed again');
      assert.ok(subscribed);
    },
  );
});
