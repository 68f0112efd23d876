import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { periodicJob } from '../jobs/periodic-job.js';
import { runWithJobLease, type Db } from '../store/index.js';
import { purgeExpiredData, type PurgeCounts } from './purge.js';
import type { RetentionPeriods, RetentionRule } from './retention-rules.js';

/** Options of {@link retention}. */
export interface RetentionOptions {
  db: Db;
  periods: RetentionPeriods;
  /** How often the purge runs. */
  intervalMs: number;
}

/** The lease that keeps purges of several instances from running at once. */
export const PURGE_JOB = 'retention.purge';

/**
 * How long a purge may hold {@link PURGE_JOB} before the others take an instance that died
 * mid-run for gone. Far longer than a run takes; a run skipped meanwhile comes an interval later.
 */
export const PURGE_LEASE_SECONDS = 15 * 60;

/**
 * Runs {@link purgeExpiredData} unless another instance (`holder` is this one) is purging now:
 * every instance schedules the purge, one at a time runs it. `undefined` when it did not run.
 */
export async function purgeUnlessRunning(
  db: Db,
  holder: string,
  periods: RetentionPeriods,
  rules?: readonly RetentionRule[],
): Promise<PurgeCounts | undefined> {
  const job = { name: PURGE_JOB, holder, ttlSeconds: PURGE_LEASE_SECONDS };
  const outcome = await runWithJobLease(db, job, () => purgeExpiredData(db, periods, rules));
  return outcome.ran ? outcome.value : undefined;
}

/**
 * Runs the purge every `intervalMs` from `ready` until `close`, one run at a time across all
 * instances, and logs the counts (numbers only). The first run comes one interval after start,
 * so a server that restarts in a loop does not purge in a loop.
 */
export const retention: FastifyPluginAsync<RetentionOptions> = async (app, options) => {
  const holder = randomUUID();

  async function purgeOnce(): Promise<void> {
    const counts = await purgeUnlessRunning(options.db, holder, options.periods);
    if (counts) app.log.info({ counts }, 'balie-retention: purged personal data past its period');
    else app.log.info('balie-retention: another instance is purging; skipped this run');
  }

  periodicJob(app, { plugin: 'balie-retention', run: 'purge', intervalMs: options.intervalMs, work: purgeOnce });
};
