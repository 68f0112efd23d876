import {
  defaultOutcomes,
  localize,
  type BalieConfig,
  type FiguresBasis,
  type FiguresResponse,
  type FiguresRow,
} from '../../protocol/index.js';
import type { FiguresGroup } from './figures-store.js';

/** Assumed when the config's `figures` leaves them out: a 10 km return trip by an average car. */
export const DEFAULT_FIGURES = { kmPerTrip: 10, gramsCo2PerKm: 120 } as const;

/** Trips a resolved call saves when the product's config does not say. */
export const DEFAULT_TRIPS_SAVED = 1;

/**
 * What the trips and CO₂ figures assume, from the config: per product the trips a resolved call
 * saves and the outcome codes that count as resolved (by default the first-time-right ones).
 */
export function figuresBasis(config: BalieConfig): FiguresBasis {
  const firstTimeRight = (config.outcomes ?? defaultOutcomes).filter((o) => o.firstTimeRight).map((o) => o.id);
  return {
    kmPerTrip: config.figures?.kmPerTrip ?? DEFAULT_FIGURES.kmPerTrip,
    gramsCo2PerKm: config.figures?.gramsCo2PerKm ?? DEFAULT_FIGURES.gramsCo2PerKm,
    products: config.products.map((p) => ({
      product: p.id,
      productName: localize(p.name, 'nl'),
      tripsSaved: p.tripsSaved ?? DEFAULT_TRIPS_SAVED,
      resolvedOutcomes: p.resolvedOutcomes ?? firstTimeRight,
    })),
  };
}

/**
 * The products whose config names its own resolved outcomes, for the figures query. The others
 * count a call resolved when its outcome was first-time-right as saved, so a later change of the
 * outcome codes does not rewrite past figures.
 */
export function resolvedOutcomesByProduct(config: BalieConfig): Record<string, string[]> {
  return Object.fromEntries(config.products.filter((p) => p.resolvedOutcomes).map((p) => [p.id, p.resolvedOutcomes!]));
}

const seconds = (value: number | null) => (value === null ? null : Math.round(value));
const twoDecimals = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** Booked appointments nobody came to, on one day for one product. */
export interface NoShowGroup {
  day: string;
  product: string;
  noShows: number;
}

/**
 * Turns the query's groups into the figures answer. A call saves trips to the town hall only when
 * its recorded outcome counts as resolved for its product, and then as many as the product's
 * config says (0, 1 or 2): a passport application needs a visit for fingerprints anyway.
 */
export function toFigures(
  groups: FiguresGroup[],
  range: { from: string; to: string },
  basis: FiguresBasis,
  noShows: NoShowGroup[] = [],
  feeProducts: ReadonlySet<string> = new Set(),
): FiguresResponse {
  const { kmPerTrip, gramsCo2PerKm } = basis;
  const productNames = new Map(basis.products.map((p) => [p.product, p.productName]));
  // A product no longer in the config still counts its resolved calls at the default.
  const tripsOf = (product: string) => basis.products.find((p) => p.product === product)?.tripsSaved ?? DEFAULT_TRIPS_SAVED;
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
      paidInCall: g.paidInCall,
      tripsAvoided: g.resolved * tripsOf(g.product!),
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
      paidInCall: 0,
      tripsAvoided: 0,
    });
  }
  rows.sort((a, b) => (a.day === b.day ? a.product.localeCompare(b.product) : a.day < b.day ? -1 : 1));
  const all = groups.find((g) => g.day === null);
  const calls = all?.calls ?? 0;
  const trips = rows.reduce((sum, r) => sum + r.tripsAvoided, 0);
  const withFees = rows.filter((r) => feeProducts.has(r.product));
  const callsWithFees = withFees.reduce((sum, r) => sum + r.calls, 0);
  const paidInCall = withFees.reduce((sum, r) => sum + r.paidInCall, 0);
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
      paidInCallShare: callsWithFees ? twoDecimals(paidInCall / callsWithFees) : null,
      tripsAvoided: trips,
      kgCo2Avoided: Math.round((trips * kmPerTrip * gramsCo2PerKm) / 100) / 10,
    },
    basis,
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
  // New columns go last: readers take these columns by position.
  ['betaald_in_gesprek', (r) => r.paidInCall],
  ['reizen_bespaard', (r) => r.tripsAvoided],
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
