import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { assertApiError, needsRedis, testApp, TEST_REDIS_URL, useTestStore } from './helpers.js';

const skip = await needsRedis();

describe('rate limits across instances', { skip }, () => {
  const db = useTestStore();

  it('count one address\'s requests to any instance against one limit', async (t) => {
    // A channel of its own: other test files and runs share this Redis.
    const redis = { url: TEST_REDIS_URL, channel: `balie_rate_${randomBytes(6).toString('hex')}` };
    const limits = { 'POST /api/tickets': 3 };
    const first = testApp(t, db, { redis, rateLimits: limits });
    const second = testApp(t, db, { redis, rateLimits: limits });
    await Promise.all([first.ready(), second.ready()]);
    const take = (app: typeof first) =>
      app.inject({ method: 'POST', url: '/api/tickets', remoteAddress: '10.0.0.7', payload: { product: 'paspoort' } });
    assert.equal((await take(first)).statusCode, 201);
    assert.equal((await take(second)).statusCode, 201);
    assert.equal((await take(first)).statusCode, 201);
    const refused = await take(second);
    assertApiError(refused, 429, 'rate_limited');
    assert.match(String(refused.headers['retry-after']), /^\d+$/);
  });
});
