import { recordAudit } from '../audit/audit.js';
import type { Db } from '../store/index.js';
import {
  DEFAULT_RETENTION_PERIODS,
  RETENTION_RULES,
  type RetentionPeriods,
  type RetentionRule,
} from './retention-rules.js';

const SECONDS_PER_DAY = 86_400;

/** Rows deleted or cleared per rule, by the rule's name. */
export type PurgeCounts = Record<string, number>;

/**
 * Applies every retention rule once and writes ONE `retention.purged` audit entry (actor
 * `system`) whose reason holds the counts as JSON — numbers only, nothing personal. Rules run
 * in order, each its own statement: a rule that fails stops the run (the error names it), and
 * what earlier rules purged stays purged and is recorded. Idempotent: a second run finds nothing,
 * so running it twice is harmless; the scheduler (retention-plugin.ts) runs one at a time anyway.
 */
export async function purgeExpiredData(
  db: Db,
  periods: RetentionPeriods = DEFAULT_RETENTION_PERIODS,
  rules: readonly RetentionRule[] = RETENTION_RULES,
): Promise<PurgeCounts> {
  const counts: PurgeCounts = {};
  let failure: unknown;
  try {
    for (const rule of rules) counts[rule.name] = await applyRule(db, rule, periods[rule.period]);
  } catch (error) {
    failure = error;
  }
  const audited = recordAudit(db, {
    actor: 'system',
    action: 'retention.purged',
    subject: 'retention',
    reason: JSON.stringify(counts),
  });
  // With the database gone, the rule's error says more than the audit insert's.
  if (failure) {
    await audited.catch(() => undefined);
    throw failure;
  }
  await audited;
  return counts;
}

async function applyRule(db: Db, rule: RetentionRule, days: number): Promise<number> {
  if (!(days > 0)) {
    throw new Error(`balie-retention: period ${rule.period} must be a positive number of days`);
  }
  const due = `(${rule.since}) <= now() - make_interval(secs => $1::double precision)
    AND (${rule.where ?? 'true'})`;
  const change = rule.clear
    ? `UPDATE ${rule.table} SET ${rule.clear} WHERE ${due}`
    : `DELETE FROM ${rule.table} WHERE ${due}`;
  try {
    const { rows } = await db.query<{ count: number }>(
      `WITH purged AS (${change} RETURNING 1) SELECT count(*)::int AS count FROM purged`,
      [days * SECONDS_PER_DAY],
    );
    return rows[0]?.count ?? 0;
  } catch (error) {
    throw new Error(`balie-retention: rule ${rule.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
