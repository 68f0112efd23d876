import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import Fastify from 'fastify';
import { periodicJob } from '../../src/server/jobs/periodic-job.js';

/** A bare Fastify app with `periodicJob` on it, its error log kept, and the clock in the test's hand. */
async function appWithJob(t: TestContext, work: () => Promise<void>) {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const errors: string[] = [];
  const app = Fastify({
    logger: { level: 'error', stream: { write: (line: string) => errors.push(JSON.parse(line).msg) } },
  });
  periodicJob(app, { plugin: 'balie-test', run: 'job', intervalMs: 1000, work });
  t.after(() => app.close());
  await app.ready();
  return { app, errors };
}

/** Lets the microtasks of a finished run settle, without waiting on the clock. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('periodicJob()', () => {
  it('runs every interval from ready, and never two runs at once', async (t) => {
    let release!: () => void;
    let started = 0;
    const { app } = await appWithJob(t, () => {
      started += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    assert.equal(started, 0, 'no run before the first interval');
    t.mock.timers.tick(1000);
    assert.equal(started, 1);
    t.mock.timers.tick(3000);
    assert.equal(started, 1, 'ticks during a slow run are skipped');
    release();
    await settle();
    t.mock.timers.tick(1000);
    assert.equal(started, 2);
    release();
    await app.close();
  });

  it("logs a failed run with the plugin's name, and runs again an interval later", async (t) => {
    let runs = 0;
    const { errors } = await appWithJob(t, async () => {
      runs += 1;
      throw new Error('the database is away');
    });
    t.mock.timers.tick(1000);
    await settle();
    assert.deepEqual(errors, ['balie-test: job failed']);
    t.mock.timers.tick(1000);
    await settle();
    assert.equal(runs, 2);
  });

  it('stops at close, after the run in progress has finished', async (t) => {
    let release!: () => void;
    let finished = false;
    let started = 0;
    const { app } = await appWithJob(t, async () => {
      started += 1;
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    });
    t.mock.timers.tick(1000);
    const closing = app.close();
    await settle();
    assert.equal(finished, false, 'close waits for the run');
    release();
    await closing;
    assert.equal(finished, true);
    t.mock.timers.tick(5000);
    assert.equal(started, 1, 'no run after close');
  });
});
