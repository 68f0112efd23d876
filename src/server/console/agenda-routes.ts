import type { FastifyPluginAsync } from 'fastify';
import type { AgendaDay, AgendaResponse, BalieConfig } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { agendaRoute } from '../../protocol/routes/console.js';
import { routesFor } from '../http/route.js';
import type { Db } from '../store/index.js';
import { productNames } from '../tickets/views.js';
import { queryAgenda, type AgendaRecord } from './agenda-store.js';
import { checkedDate, today } from './figures-routes.js';

/** Options of {@link agendaRoutes}. */
export interface AgendaRoutesOptions {
  db: Db;
  config: BalieConfig;
}

const plugin = 'balie-console';
const DAY_MS = 24 * 60 * 60 * 1000;
export const AGENDA_MAX_DAYS = 14;
const DEFAULT_DAYS = 7;


/**
 * `GET /api/console/agenda?from=YYYY-MM-DD&days=N`, for any employee: the booked appointments of
 * `days` (1–14, default 7) local days from `from` (default today in the counter's time zone), per
 * day and product. Shows the name the citizen gave and whether they are identified, never a BSN.
 */
export const agendaRoutes: FastifyPluginAsync<AgendaRoutesOptions> = async (app, options) => {
  const { db, config } = options;
  const names = productNames(config);
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  const route = routesFor(app, plugin);

  route(agendaRoute, async (request): Promise<AgendaResponse> => {
    const from = checkedDate('from', request.query.from ?? today(timeZone));
    const days = checkedDays(request.query.days);
    const dates = Array.from({ length: days }, (_, i) =>
      new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10),
    );
    const records = await queryAgenda(db, { from, to: dates.at(-1)!, timeZone });
    return { from, days: dates.map((date) => toDay(date, records, names)) };
  });
};

function checkedDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DAYS;
  const days = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= AGENDA_MAX_DAYS)) {
    throw new ApiError(
      400,
      'bad_request',
      `${plugin}: "days" must be a whole number from 1 to ${AGENDA_MAX_DAYS}, got "${String(value).slice(0, 40)}"`,
    );
  }
  return days;
}

/** The records of `date`, grouped by product in order of first appointment. */
function toDay(date: string, records: AgendaRecord[], names: Map<string, string>): AgendaDay {
  const products = new Map<string, AgendaDay['products'][number]>();
  for (const r of records) {
    if (r.date !== date) continue;
    const productName = names.get(r.product) ?? r.product;
    let group = products.get(r.product);
    if (!group) {
      group = { product: r.product, productName, appointments: [] };
      products.set(r.product, group);
    }
    group.appointments.push({
      bookingId: r.bookingId,
      start: r.start.toISOString(),
      end: r.end.toISOString(),
      time: r.time,
      product: r.product,
      productName,
      state: r.state,
      identified: r.identified,
      name: r.name,
      ...(r.outcome ? { outcome: r.outcome } : {}),
      ...(r.note ? { note: r.note } : {}),
    });
  }
  return { date, products: [...products.values()] };
}
