import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditFor } from '../../src/server/audit/audit.js';
import {
  DEFAULT_RETENTION_PERIODS,
  PURGE_JOB,
  purgeUnlessRunning,
  RETENTION_RULES,
  type RetentionRule,
} from '../../src/server/retention/index.js';
import { releaseJobLease, takeJobLease, type Db } from '../../src/server/store/index.js';
import { TEST_DATABASE_URL, testApp, useTestStore, waitFor } from './helpers.js';

/**
 * A rule that purges nothing and takes half a second over it, so two purges surely overlap. It
 * reads the lease table, which holds exactly one row while a purge runs.
 */
const slowly: RetentionRule = {
  name: 'slowly',
  table: 'job_lease',
  since: `'-infinity'::timestamptz`,
  period: 'auditDays',
  where: 'pg_sleep(0.5) IS NULL',
};

async function staleLogin(db: Db): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity_login (provider, national_number, level_of_assurance, created_at)
     VALUES ('digid', '999993653', 'substantieel', now() - interval '3 days') RETURNING id`,
  );
  assert.ok(rows[0]);
}

async function purgeRuns(db: Db): Promise<number> {
  return (await auditFor(db, 'retention')).length;
}

describe('the retention purge on several instances (issue #7)', () => {
  const db = useTestStore();

  /**
   * Two instances' views of one store: on Postgres two connection pools, as two servers have; on
   * PGlite, which serves one process, the same store twice (two apps in one process).
   */
  async function twoInstances(t: { after(fn: () => Promise<void>): void }): Promise<[Db, Db]> {
    if (!TEST_DATABASE_URL) return [db, db];
    const twin = await db.store().openTwin();
    t.after(() => twin.close());
    return [db, twin];
  }

  it('runs one purge at a time: instances that start together purge once', async (t) => {
    const instances = await twoInstances(t);
    await staleLogin(db);
    const rules = [slowly, ...RETENTION_RULES];
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map((i) => purgeUnlessRunning(instances[i % 2]!, `instance-${i}`, DEFAULT_RETENTION_PERIODS, rules)),
    );
    const ran = outcomes.filter((counts) => counts !== undefined);
    assert.equal(ran.length, 1, 'exactly one instance purged');
    assert.equal(ran[0]!.identityLogins, 1);
    assert.equal(await purgeRuns(db), 1, 'one audit entry, for the one run');
    assert.deepEqual((await db.query('SELECT job FROM job_lease')).rows, [], 'the lease was given back');
  });

  it('of many instances asking for the lease at once, exactly one gets it', async (t) => {
    const instances = await twoInstances(t);
    const taken = await Promise.all(
      Array.from({ length: 10 }, (_, i) => takeJobLease(instances[i % 2]!, PURGE_JOB, `instance-${i}`, 60)),
    );
    assert.equal(taken.filter(Boolean).length, 1);
  });

  it('skips while another instance purges, and purges once it is done', async (t) => {
    const [mine, other] = await twoInstances(t);
    await staleLogin(db);
    assert.ok(await takeJobLease(other, PURGE_JOB, 'other-instance', 60));
    assert.equal(await purgeUnlessRunning(mine, 'this-instance', DEFAULT_RETENTION_PERIODS), undefined);
    assert.equal(await purgeRuns(db), 0);
    await releaseJobLease(other, PURGE_JOB, 'other-instance');
    assert.equal((await purgeUnlessRunning(mine, 'this-instance', DEFAULT_RETENTION_PERIODS))?.identityLogins, 1);
  });

  it('takes over from an instance that died while purging once its lease runs out', async (t) => {
    const [mine, other] = await twoInstances(t);
    assert.ok(await takeJobLease(other, PURGE_JOB, 'died-mid-run', 60));
    assert.equal(await purgeUnlessRunning(mine, 'this-instance', DEFAULT_RETENTION_PERIODS), undefined);
    await db.exec(`UPDATE job_lease SET expires_at = now() - interval '1 second'`);
    assert.ok(await purgeUnlessRunning(mine, 'this-instance', DEFAULT_RETENTION_PERIODS));
  });

  it('gives the lease back when a rule fails, so the next run is not blocked', async () => {
    const broken: RetentionRule = { name: 'broken', table: 'no_such_table', since: 'now()', period: 'auditDays' };
    await assert.rejects(purgeUnlessRunning(db, 'this-instance', DEFAULT_RETENTION_PERIODS, [broken]), {
      message: /rule broken failed/,
    });
    assert.deepEqual((await db.query('SELECT job FROM job_lease')).rows, []);
    assert.ok(await purgeUnlessRunning(db, 'another-instance', DEFAULT_RETENTION_PERIODS));
  });

  it('its schedule says so and waits while another instance holds the purge', async (t) => {
    const lines: string[] = [];
    await staleLogin(db);
    assert.ok(await takeJobLease(db, PURGE_JOB, 'other-instance', 60));
    const app = testApp(t, db, {
      retentionIntervalMs: 30,
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    await app.ready();
    await waitFor(async () => lines.find((l) => l.includes('another instance is purging')), 'a skipped run');
    assert.equal(await purgeRuns(db), 0);
    await releaseJobLease(db, PURGE_JOB, 'other-instance');
    const entry = await waitFor(async () => (await auditFor(db, 'retention')).at(-1), 'a purge run');
    assert.equal(JSON.parse(entry.reason!).identityLogins, 1);
  });
});
