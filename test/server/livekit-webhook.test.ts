import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { AccessToken } from 'livekit-server-sdk';
import type { Db } from '../../src/server/store/index.js';
import {
  admit,
  assertApiError,
  bearer,
  signIn,
  takeTicket,
  testApp,
  testLivekit,
  useTestStore,
} from './helpers.js';

/** A webhook body as LiveKit posts it, and its Authorization header signed with `secret`. */
async function signedWebhook(body: object, secret = testLivekit.apiSecret) {
  const payload = JSON.stringify(body);
  const token = new AccessToken(testLivekit.apiKey, secret);
  token.sha256 = createHash('sha256').update(payload).digest('base64');
  return { payload, authorization: await token.toJwt() };
}

function postWebhook(app: FastifyInstance, webhook: { payload: string; authorization: string }) {
  return app.inject({
    method: 'POST',
    url: '/api/livekit/webhook',
    headers: { 'content-type': 'application/webhook+json', authorization: webhook.authorization },
    payload: webhook.payload,
  });
}

const roomFinished = (id: string, room: string) => ({
  event: 'room_finished',
  id,
  createdAt: String(Math.floor(Date.now() / 1000)),
  room: { sid: 'RM_test', name: room },
});

/** An admitted citizen: their secret and the room LiveKit knows their call by. */
async function admittedCitizen(app: FastifyInstance, db: Db, cookie: string) {
  const { secret, ticket } = await takeTicket(app);
  await admit(app, cookie, ticket.id);
  const { rows } = await db.query<{ room: string }>(
    'SELECT room FROM waiting_ticket WHERE id = $1',
    [ticket.id],
  );
  return { secret, room: rows[0]!.room };
}

describe('LiveKit webhooks', () => {
  const db = useTestStore();

  it("end the citizen's call when LiveKit says its room finished", async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { secret, room } = await admittedCitizen(app, db, cookie);
    const response = await postWebhook(app, await signedWebhook(roomFinished('EV_1', room)));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { handled: true });
    assertApiError(
      await app.inject({ url: '/api/tickets/current', headers: bearer(secret) }),
      410,
      'ticket_ended',
    );
  });

  it('change nothing when forged: wrong key, tampered body, or no signature', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const { secret, room } = await admittedCitizen(app, db, cookie);
    const wrongKey = await signedWebhook(
      roomFinished('EV_2', room),
      'an-attacker-secret-of-at-least-32-chars',
    );
    const other = await signedWebhook(roomFinished('EV_3', 'balie-some-other-room'));
    const tampered = { ...other, payload: JSON.stringify(roomFinished('EV_3', room)) };
    const unsigned = { payload: JSON.stringify(roomFinished('EV_4', room)), authorization: '' };
    for (const forged of [wrongKey, tampered, unsigned]) {
      assertApiError(await postWebhook(app, forged), 401, 'unauthorized');
    }
    const current = await app.inject({ url: '/api/tickets/current', headers: bearer(secret) });
    assert.equal(current.json<{ state: string }>().state, 'admitted');
  });

  it('change nothing when replayed with an event id already handled', async (t) => {
    const app = testApp(t, db);
    const cookie = await signIn(app);
    const first = await admittedCitizen(app, db, cookie);
    const delivery = await signedWebhook(roomFinished('EV_5', first.room));
    assert.deepEqual((await postWebhook(app, delivery)).json(), { handled: true });
    assert.deepEqual((await postWebhook(app, delivery)).json(), { handled: false });

    const second = await admittedCitizen(app, db, cookie);
    const sameId = await signedWebhook(roomFinished('EV_5', second.room));
    assert.deepEqual((await postWebhook(app, sameId)).json(), { handled: false });
    const current = await app.inject({
      url: '/api/tickets/current',
      headers: bearer(second.secret),
    });
    assert.equal(current.json<{ state: string }>().state, 'admitted');
  });
});
