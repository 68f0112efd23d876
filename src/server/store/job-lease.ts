import type { Db } from './types.js';

/**
 * Takes the lease on `job` for `holder` unless another holder has it and it has not expired: one
 * atomic upsert, so of two instances asking at once exactly one gets it. `true` when taken.
 */
export async function takeJobLease(db: Db, job: string, holder: string, ttlSeconds: number): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO job_lease (job, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, taken_at = now(), expires_at = excluded.expires_at
       WHERE job_lease.expires_at <= now() OR job_lease.holder = excluded.holder
     RETURNING holder`,
    [job, holder, ttlSeconds],
  );
  return rows.length === 1;
}

/** Gives the lease back, if `holder` still has it. */
export async function releaseJobLease(db: Db, job: string, holder: string): Promise<void> {
  await db.query(`DELETE FROM job_lease WHERE job = $1 AND holder = $2`, [job, holder]);
}

/**
 * Runs `work` while holding the lease on `job`, or not at all when another holder has it; the
 * lease is given back afterwards, also when `work` fails. `ttlSeconds` bounds how long a holder
 * that died mid-run blocks the job: make it longer than any run takes.
 */
export async function runWithJobLease<T>(
  db: Db,
  job: { name: string; holder: string; ttlSeconds: number },
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await takeJobLease(db, job.name, job.holder, job.ttlSeconds))) return { ran: false };
  let value: T;
  try {
    value = await work();
  } catch (error) {
    // The work's error says more than a failed release (the database is likely gone with both);
    // an unreleased lease expires by itself.
    await releaseJobLease(db, job.name, job.holder).catch(() => undefined);
    throw error;
  }
  await releaseJobLease(db, job.name, job.holder);
  return { ran: true, value };
}
