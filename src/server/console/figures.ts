import type { FiguresConfig, FiguresResponse, FiguresRow } from '../../protocol/index.js';
import type { FiguresGroup } from './figures-store.js';

/** Assumed when the config's `figures` leaves them out: a 10 km return trip by an average car. */
export const DEFAULT_FIGURES: Required<FiguresConfig> = { kmPerTrip: 10, gramsCo2PerKm: 120 };

const seconds = (value: number | null) => (value === null ? null : Math.round(value));
const twoDecimals = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** Booked appointments nobody came to, on one day for one product. */
export interface NoShowGroup {
  day: string;
  product: string;
  noShows: number;
}

/**
 * Turns the query's groups into the figures answer. Every call counts as one trip to the town
 * hall that did not happen.
 */
export function toFigures(
  groups: FiguresGroup[],
  range: { from: string; to: string },
  productNames: Map<string, string>,
  assumptions: FiguresConfig = {},
  noShows: NoShowGroup[] = [],
): FiguresResponse {
  const { kmPerTrip, gramsCo2PerKm } = { ...DEFAULT_FIGURES, ...assumptions };
  const noShowsOf = (day: string, product: string) =>
    noShows.find((n) => n.day === day && n.product === product)?.noShows ?? 0;
  const rows: FiguresRow[] = groups
    .filter((g) => g.day !== null && g.product !== null)
    .map((g) => ({
      day: g.day!,
      product: g.product!,
      productName: productNames.get(g.product!) ?? g.product!,
      calls: g.calls,
      waitMedianSeconds: seconds(g.waitMedian),
      waitP90Seconds: seconds(g.waitP90),
      callMedianSeconds: seconds(g.callMedian),
      noShows: noShowsOf(g.day!, g.product!),
      feedbackCount: g.feedbackCount,
      satisfaction: twoDecimals(g.satisfaction),
      outcomes: g.outcomes,
      firstTimeRight: g.firstTimeRight,
    }));
  // A day and product with no-shows but no calls still gets its row.
  for (const n of noShows) {
    if (rows.some((r) => r.day === n.day && r.product === n.product)) continue;
    rows.push({
      day: n.day,
      product: n.product,
      productName: productNames.get(n.product) ?? n.product,
      calls: 0,
      waitMedianSeconds: null,
      waitP90Seconds: null,
      callMedianSeconds: null,
      noShows: n.noShows,
      feedbackCount: 0,
      satisfaction: null,
      outcomes: 0,
      firstTimeRight: 0,
    });
  }
  rows.sort((a, b) => (a.day === b.day ? a.product.localeCompare(b.product) : a.day < b.day ? -1 : 1));
  const all = groups.find((g) => g.day === null);
  const calls = all?.calls ?? 0;
  return {
    ...range,
    rows,
    totals: {
      calls,
      waitMedianSeconds: seconds(all?.waitMedian ?? null),
      waitP90Seconds: seconds(all?.waitP90 ?? null),
      callMedianSeconds: seconds(all?.callMedian ?? null),
      noShows: noShows.reduce((sum, n) => sum + n.noShows, 0),
      satisfaction: twoDecimals(all?.satisfaction ?? null),
      firstTimeRightShare: all?.outcomes ? twoDecimals(all.firstTimeRight / all.outcomes) : null,
      tripsAvoided: calls,
      kgCo2Avoided: Math.round((calls * kmPerTrip * gramsCo2PerKm) / 100) / 10,
    },
  };
}

const csvColumns: [string, (row: FiguresRow) => string | number | null][] = [
  ['dag', (r) => r.day],
  ['product', (r) => r.productName],
  ['gesprekken', (r) => r.calls],
  ['wachttijd_mediaan_s', (r) => r.waitMedianSeconds],
  ['wachttijd_p90_s', (r) => r.waitP90Seconds],
  ['gespreksduur_mediaan_s', (r) => r.callMedianSeconds],
  ['niet_gekomen', (r) => r.noShows],
  ['beoordelingen', (r) => r.feedbackCount],
  ['tevredenheid_gemiddeld', (r) => r.satisfaction],
  ['met_uitkomst', (r) => r.outcomes],
  ['in_een_keer_goed', (r) => r.firstTimeRight],
];

/**
 * RFC 4180 CSV, one line per day and product. A field that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@` first) gets a leading `'` (CSV injection); quotes are doubled.
 */
export function figuresCsv(figures: FiguresResponse): string {
  return csvTable(csvColumns, figures.rows);
}

/** An RFC 4180 CSV field, safe from spreadsheet formulas (see {@link figuresCsv}). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, CRLF-separated, from `[name, getter]` columns. */
export function csvTable<R>(columns: [string, (row: R) => string | number | null][], rows: readonly R[]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => csvField(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
