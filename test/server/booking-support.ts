import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BalieConfig, CreateBookingResponse, Slot, SlotsResponse } from '../../src/protocol/index.js';
import { newSecret, sha256Hex } from '../../src/server/http/secrets.js';
import type { Db } from '../../src/server/store/index.js';
import { JSON_TYPE, testConfig } from './helpers.js';

const allDay = ['00:00-24:00'];

/** Appointments around the clock, so a test at any hour finds free slots. */
export const bookingConfig: BalieConfig = {
  ...testConfig,
  products: [
    { id: 'zaal-huren', name: 'Zaal huren', durationMinutes: 30, bring: ['De datum van uw feest'] },
    { id: 'paspoort', name: 'Paspoort aanvragen', levelOfAssurance: 'substantieel', bring: ['Uw oude paspoort'] },
    { id: 'rijbewijs', name: 'Rijbewijs verlengen', levelOfAssurance: 'midden' },
    { id: 'vraag', name: 'Vraag stellen', modes: ['direct'] },
  ],
  openingHours: {
    timeZone: 'Europe/Amsterdam',
    appointments: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    daysAhead: 7,
  },
  identity: {
    providers: [{ id: 'digid', label: 'Inloggen met DigiD' }],
    returnUrls: ['https://www.testdorp.nl/afspraak'],
  },
};

export const PAGE_URL = 'https://www.testdorp.nl/afspraak?product=zaal-huren';

export function newKey(): string {
  return randomBytes(16).toString('base64url');
}

export async function freeSlotList(app: FastifyInstance, product = 'zaal-huren'): Promise<Slot[]> {
  const response = await app.inject({ url: `/api/slots?product=${product}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<SlotsResponse>().days.flatMap((day) => day.slots);
}

export function bookingBody(start: string, overrides: object = {}) {
  return {
    product: 'zaal-huren',
    start,
    details: { name: 'Jan Jansen', email: 'jan@example.nl' },
    consent: 'yes',
    pageUrl: PAGE_URL,
    ...overrides,
  };
}

export function postBooking(
  app: FastifyInstance,
  body: object,
  key: string = newKey(),
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...JSON_TYPE, 'idempotency-key': key, ...headers },
    payload: body,
  });
}

/** Books the slot; asserts a 201. */
export async function book(app: FastifyInstance, start: string, overrides: object = {}): Promise<CreateBookingResponse> {
  const response = await postBooking(app, bookingBody(start, overrides));
  assert.equal(response.statusCode, 201, response.body);
  return response.json<CreateBookingResponse>();
}

/**
 * A live identity session at `level`, written straight into the store: for tests whose point is
 * the booking's rule, not the login (identity.test.ts covers the login with the simulator).
 */
export async function identitySession(db: Db, level: string, bsn = '999993653'): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity_login (provider, national_number, level_of_assurance) VALUES ('digid', $2, $1) RETURNING id`,
    [level, bsn],
  );
  const session = newSecret();
  await db.query(
    `INSERT INTO identity_session (token_hash, login_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`,
    [sha256Hex(session), rows[0]!.id],
  );
  return session;
}
