import type { Db } from '../store/index.js';

/** One group of calls as the figures query returns it; the totals have `day` and `product` null. */
export interface FiguresGroup {
  day: string | null;
  product: string | null;
  calls: number;
  waitMedian: number | null;
  waitP90: number | null;
  callMedian: number | null;
  feedbackCount: number;
  satisfaction: number | null;
  outcomes: number;
  firstTimeRight: number;
  /** Calls whose outcome counts as resolved for their product (see {@link queryFigures}). */
  resolved: number;
  /** Calls with a paid payment requested in the call. */
  paidInCall: number;
}

/**
 * Calls (admitted tickets) from `from` to `to` (inclusive dates in `timeZone`), per day and
 * product, plus one totals row — in ONE query, since a median of medians is not the median.
 * Waiting time runs from joining the queue to being admitted; call duration from admission to the
 * end, for calls that ended.
 *
 * A call is resolved when its recorded outcome is one of `resolvedOutcomes[product]`; for a
 * product not in that map, when its outcome was first-time-right as saved.
 */
export async function queryFigures(
  db: Db,
  range: { from: string; to: string; timeZone: string },
  resolvedOutcomes: Record<string, string[]> = {},
): Promise<FiguresGroup[]> {
  const { rows } = await db.query<FiguresGroup>(
    `WITH calls AS (
       SELECT t.product,
         to_char(t.admitted_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day,
         extract(epoch FROM t.admitted_at - t.created_at)::float8 AS wait_s,
         CASE WHEN t.ended_at IS NOT NULL
           THEN extract(epoch FROM t.ended_at - t.admitted_at)::float8 END AS call_s,
         f.score, o.first_time_right,
         CASE WHEN $4::jsonb ? t.product
           THEN coalesce(($4::jsonb -> t.product) ? o.outcome, false)
           ELSE coalesce(o.first_time_right, false) END AS resolved,
         EXISTS (SELECT 1 FROM payment p WHERE p.ticket_id = t.id AND p.status = 'paid') AS paid
       FROM waiting_ticket t
       LEFT JOIN call_feedback f ON f.ticket_id = t.id
       LEFT JOIN ticket_outcome o ON o.ticket_id = t.id
       WHERE t.admitted_at IS NOT NULL
         AND (t.admitted_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
     )
     SELECT day, product, count(*)::int AS calls,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_s) AS "waitMedian",
       percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_s) AS "waitP90",
       percentile_cont(0.5) WITHIN GROUP (ORDER BY call_s) AS "callMedian",
       count(score)::int AS "feedbackCount",
       avg(score)::float8 AS satisfaction,
       count(first_time_right)::int AS outcomes,
       (count(*) FILTER (WHERE first_time_right))::int AS "firstTimeRight",
       (count(*) FILTER (WHERE resolved))::int AS resolved,
       (count(*) FILTER (WHERE paid))::int AS "paidInCall"
     FROM calls
     GROUP BY GROUPING SETS ((day, product), ())
     ORDER BY day NULLS LAST, product`,
    [range.from, range.to, range.timeZone, JSON.stringify(resolvedOutcomes)],
  );
  return rows;
}
