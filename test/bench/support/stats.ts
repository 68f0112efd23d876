/** Small statistics for benchmark samples. Percentiles use the nearest-rank method. */

/** The p-th percentile (0–100) of `values`, nearest rank; `null` for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Rounds to `digits` decimals, passing `null` through. */
export function round(value: number | null | undefined, digits = 0): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `a / b` rounded to two decimals, or `null` when either is missing or `b` is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return round(a / b, 2);
}

/** Milliseconds on a clock that several processes on one machine share (epoch, sub-ms). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
