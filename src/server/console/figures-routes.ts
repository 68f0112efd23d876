import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { BalieConfig, FiguresResponse } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { figuresCsvRoute, figuresRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { figuresBasis, figuresCsv, resolvedOutcomesByProduct, toFigures } from './figures.js';
import { queryFigures } from './figures-store.js';
import { queryNoShows } from './agenda-store.js';

/** Options of {@link figuresRoutes}. */
export interface FiguresRoutesOptions {
  db: Db;
  config: BalieConfig;
}

const plugin = 'balie-console';
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 366;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

interface FiguresQuery {
  from?: string;
  to?: string;
}

/**
 * The municipality's figures, for a `beheerder` only: `GET /api/console/figures` (JSON, for the
 * charts) and `GET /api/console/figures.csv` (the same rows as a spreadsheet). `from` and `to`
 * are dates in the counter's time zone, inclusive; by default the last 30 days.
 */
export const figuresRoutes: FastifyPluginAsync<FiguresRoutesOptions> = async (app, options) => {
  const { db, config } = options;
  const basis = figuresBasis(config);
  const resolvedOutcomes = resolvedOutcomesByProduct(config);
  // Products the employee can ask a fee for in the call: the share of paid calls counts these.
  const feeProducts = new Set(config.products.filter((p) => (p.fees?.length ?? 0) > 0 || p.freeAmount).map((p) => p.id));
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  const route = routesFor(app, plugin);

  async function figures(request: FastifyRequest<{ Querystring: FiguresQuery }>) {
    const range = dateRange(request.query, timeZone);
    const groups = await queryFigures(db, { ...range, timeZone }, resolvedOutcomes);
    const noShows = await queryNoShows(db, { ...range, timeZone });
    return toFigures(groups, range, basis, noShows, feeProducts);
  }

  route(
    figuresRoute,
    async (request): Promise<FiguresResponse> => figures(request),
  );

  route(figuresCsvRoute, async (request, reply) => {
    const result = await figures(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cijfers-${result.from}-${result.to}.csv"`)
      .send(figuresCsv(result));
  });
};

export function checkedDate(name: string, value: unknown): string {
  if (typeof value !== 'string' || !isRealDate(value)) {
    throw new ApiError(
      400,
      'bad_request',
      `${plugin}: "${name}" must be a date like 2026-11-23, got "${String(value).slice(0, 40)}"`,
    );
  }
  return value;
}

/** `2026-11-23` yes; `2026-02-31` or `23-11-2026` no (Postgres would throw on them: a 500). */
function isRealDate(value: string): boolean {
  const time = Date.parse(value);
  return isoDate.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Today's date in `timeZone`, `YYYY-MM-DD`. */
export function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** The checked `from`/`to` of a figures request. */
export function dateRange(query: FiguresQuery, timeZone: string): { from: string; to: string } {
  const to = checkedDate('to', query.to ?? today(timeZone));
  const from = checkedDate(
    'from',
    query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10),
  );
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days < 0) throw new ApiError(400, 'bad_request', `${plugin}: "from" lies after "to"`);
  if (days >= MAX_DAYS) {
    throw new ApiError(400, 'bad_request', `${plugin}: ask for at most ${MAX_DAYS} days at once`);
  }
  return { from, to };
}
