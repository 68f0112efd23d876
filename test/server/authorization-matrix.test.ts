import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type {
  ConsoleSessionResponse,
  CreateBookingResponse,
  CreateTicketResponse,
  GuestInviteResponse,
  GuestListResponse,
  PaymentView,
  RedeemGuestLinkResponse,
} from '../../src/protocol/index.js';
import { createMollieProvider } from '../../src/server/payments/mollie-provider.js';
import { SIMULATOR_API_KEY, SIMULATOR_CA_FILE, startPaymentSimulator, type PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { CITIZEN_COOKIE } from '../../src/server/identity/citizen-session.js';
import { ACCESS_CODE, ALLOWED_ORIGIN, bearer, JSON_TYPE, openTestStore, testApp, type TestStore } from './helpers.js';
import { bookingBody, bookingConfig, freeSlotList, identitySession, newKey, postBooking } from './booking-support.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

// Issue 14: who may call what. Every route the app registers × every kind of caller → the status
// the issue demands. A route the table does not name fails the test, so a new route cannot slip
// through without someone deciding who may call it.

/** Who calls, in the order of a row's statuses. */
const ACTORS = ['anonymous', 'citizen', 'otherCitizen', 'guest', 'outsider', 'inCall', 'beheerder'] as const;
type Actor = (typeof ACTORS)[number];
type Statuses = readonly [number, number, number, number, number, number, number];

interface Row {
  /** Status per actor, in {@link ACTORS} order. */
  statuses: Statuses;
  /** The request changes what other cells see (ends a call, cancels a booking): a fresh scene per cell. */
  mutates?: boolean;
  /** A valid body, so the status reflects who calls and not what they sent. */
  body?: (scene: Scene & EmployeeIds, actor: Actor) => object;
  /** What else the answer must show, per actor; returns what is wrong. */
  check?: (actor: Actor, body: string) => string | undefined;
  headers?: () => Record<string, string>;
  query?: string;
  /** The subject ticket (`:id`) is a waiting one (the other citizen's call is never started). */
  waiting?: boolean;
  /** Server-sent events: read the status, then hang up. */
  stream?: boolean;
  /** Ends the caller's console session: each employee signs in afresh for it, and again after. */
  signsOut?: boolean;
}

const same = (status: number): Statuses => [status, status, status, status, status, status, status];
/** A console route any signed-in employee may call. */
const anyEmployee = (status: number): Statuses => [401, 401, 401, 401, status, status, status];

/** A photo to send: an upload's body is the file's bytes. */
let PHOTO: Buffer;
const photoHeaders = () => ({ 'content-type': 'application/octet-stream', 'x-balie-document-name': 'foto.png' });

/**
 * The table. Columns: anonymous, citizen of this ticket, citizen of another ticket, guest (in
 * this call), employee not in the call, employee in the call, beheerder (not in the call).
 */
const MATRIX: Record<string, Row> = {
  // Pages, health, config, static files: anyone.
  'GET /healthz': { statuses: same(200) },
  'GET /readyz': { statuses: same(200) },
  'GET /api/config': { statuses: same(200) },
  'GET /widget/*': { statuses: same(200) },
  'GET /medewerker': { statuses: same(308) },
  'GET /medewerker/': { statuses: same(200) },
  'GET /gast/': { statuses: same(200) },
  // LiveKit's server only, proven by its signature, which nobody here has.
  'POST /api/livekit/webhook': { statuses: same(401), body: () => ({ event: 'room_finished' }) },

  // A ticket: taken by anyone; then only with its own secret ("current" is the bearer's own).
  'POST /api/tickets': { statuses: same(201), body: () => ({ product: 'vraag' }) },
  'GET /api/tickets/current': { statuses: [401, 200, 200, 401, 401, 401, 401] },
  'GET /api/tickets/current/events': { statuses: [401, 200, 200, 401, 401, 401, 401], stream: true },
  'POST /api/tickets/current/call-token': { statuses: [401, 200, 409, 401, 401, 401, 401] },
  'POST /api/tickets/current/leave': { statuses: [401, 204, 204, 401, 401, 401, 401], mutates: true },
  'POST /api/tickets/current/feedback': {
    statuses: [401, 204, 409, 401, 401, 401, 401],
    mutates: true,
    body: () => ({ score: 4 }),
  },

  // Bookings: made by anyone; then only with their manage secret.
  'GET /api/slots': { statuses: same(200), query: '?product=zaal-huren' },
  'GET /api/queue-status': { statuses: same(200), query: '?product=vraag' },
  'POST /api/bookings': {
    statuses: same(201),
    mutates: true,
    body: (scene) => bookingBody(scene.freeSlot),
    headers: () => ({ 'idempotency-key': newKey() }),
  },
  'GET /api/bookings/current': { statuses: [401, 200, 200, 401, 401, 401, 401] },
  'GET /api/bookings/current/calendar.ics': { statuses: [401, 200, 200, 401, 401, 401, 401] },
  'POST /api/bookings/current/cancel': { statuses: [401, 200, 200, 401, 401, 401, 401], mutates: true },
  'POST /api/bookings/current/move': {
    statuses: [401, 200, 200, 401, 401, 401, 401],
    mutates: true,
    body: (scene) => ({ start: scene.freeSlot }),
  },
  'POST /api/bookings/current/ticket': { statuses: [401, 201, 201, 401, 401, 401, 401], mutates: true },

  // DigiD: starting and finishing a login is for anyone; the session only with its cookie.
  // The test's provider is never reached (idp.invalid): the same 502 for everyone.
  'POST /api/identity/start': {
    statuses: same(502),
    body: () => ({ provider: 'digid', product: 'paspoort', returnUrl: 'https://www.testdorp.nl/afspraak', bindingHash: 'b'.repeat(64) }),
  },
  'GET /api/identity/callback': { statuses: same(400) },
  // A code nobody was given: the same refusal for everyone.
  'POST /api/identity/resume': { statuses: same(410), body: () => ({ code: 'A'.repeat(43) }) },
  'POST /api/identity/exchange': { statuses: same(400), body: () => ({ code: 'A'.repeat(43), binding: 'B'.repeat(43) }) },
  // "Am I signed in?" and "sign me out" answer anyone; only the cookie's holder sees a session.
  'GET /api/identity/session': { statuses: same(200), check: signedInCitizenOnly },
  'DELETE /api/identity/session': { statuses: same(204), mutates: true },
  'GET /api/identity/jwks.json': { statuses: same(200) },

  // The guest: redeeming a link is for anyone with a code; then only with the guest's secret.
  'POST /api/guests': { statuses: same(201), mutates: true, body: (scene) => ({ code: scene.unusedGuestCode }) },
  'GET /api/guests/current': { statuses: [401, 401, 401, 200, 401, 401, 401] },
  'POST /api/guests/current/call-token': { statuses: [401, 401, 401, 200, 401, 401, 401] },
  'POST /api/guests/current/leave': { statuses: [401, 401, 401, 204, 401, 401, 401], mutates: true },

  // The console: signing in is for anyone; the rest for a console session.
  'GET /api/console/login-options': { statuses: same(200) },
  'POST /api/console/session': { statuses: same(204), body: () => ({ accessCode: ACCESS_CODE }), signsOut: true },
  'GET /api/console/session': { statuses: [401, 401, 401, 401, 200, 200, 200] },
  'DELETE /api/console/session': { statuses: same(204), signsOut: true },
  'GET /api/console/login': { statuses: same(303) },
  // Without the provider's answer: back to the console page with the error.
  'GET /api/console/login/callback': { statuses: same(303) },
  'GET /api/console/queue': { statuses: anyEmployee(200) },
  'GET /api/console/events': { statuses: anyEmployee(200), stream: true },
  'GET /api/console/colleagues': { statuses: anyEmployee(200) },
  'GET /api/console/agenda': { statuses: anyEmployee(200) },
  'GET /api/console/couplings': { statuses: anyEmployee(200) },
  'GET /api/console/figures': { statuses: [401, 401, 401, 401, 403, 403, 200] },
  'GET /api/console/figures.csv': { statuses: [401, 401, 401, 401, 403, 403, 200] },
  // A waiting citizen: any employee may admit them.
  'POST /api/console/tickets/:id/admit': { statuses: anyEmployee(200), mutates: true, waiting: true },
  // A call is the admitting employee's (issue 14, #1): joining it, bringing a guest into it or
  // listing its guests, its citizen's identity, and handing it over are for them alone — not for
  // a colleague, not for a beheerder who is not in it.
  'POST /api/console/tickets/:id/call-token': { statuses: [401, 401, 401, 401, 403, 200, 403] },
  'POST /api/console/tickets/:id/hand-over': {
    statuses: [401, 401, 401, 401, 403, 204, 403],
    mutates: true,
    // To a signed-in colleague other than the caller (handing over to oneself is a 404).
    body: (ids, actor) => ({ to: actor === 'outsider' ? ids.beheerder : ids.outsider }),
  },
  'GET /api/console/tickets/:id/identity': { statuses: [401, 401, 401, 401, 403, 200, 403] },
  'POST /api/console/tickets/:id/identity/reveal': {
    statuses: [401, 401, 401, 401, 403, 200, 403],
    body: () => ({ reason: 'Controle identiteit voor de aanvraag' }),
  },
  'POST /api/console/tickets/:id/guests': { statuses: [401, 401, 401, 401, 403, 201, 403], mutates: true },
  'GET /api/console/tickets/:id/guests': { statuses: [401, 401, 401, 401, 403, 200, 403] },
  'POST /api/console/tickets/:id/guests/:guest/admit': {
    statuses: [401, 401, 401, 401, 403, 204, 403],
    mutates: true,
  },
  // Ending a call (a stuck one too) and the ticket's note and outcome, which colleagues read
  // after the call: any employee.
  'POST /api/console/tickets/:id/end': { statuses: anyEmployee(204), mutates: true },
  'GET /api/console/tickets/:id/outcome': { statuses: anyEmployee(200) },
  'PUT /api/console/tickets/:id/outcome': {
    statuses: anyEmployee(200),
    mutates: true,
    body: () => ({ note: 'Paspoort aangevraagd' }),
  },

  // Documents in the call (issue 15): the participants of that call only, each with their own
  // credential. Another citizen's ticket is a call that has not started (409) and sees none of
  // this call's documents (403); a colleague or a beheerder not in the call gets 403.
  'POST /api/tickets/current/documents': { statuses: [401, 201, 409, 401, 401, 401, 401], body: () => PHOTO, headers: photoHeaders },
  'GET /api/tickets/current/documents': { statuses: [401, 200, 200, 401, 401, 401, 401] },
  'GET /api/tickets/current/documents/:document': { statuses: [401, 200, 403, 401, 401, 401, 401] },
  'POST /api/console/tickets/:id/documents': { statuses: [401, 401, 401, 401, 403, 201, 403], body: () => PHOTO, headers: photoHeaders },
  'GET /api/console/tickets/:id/documents': { statuses: [401, 401, 401, 401, 403, 200, 403] },
  'GET /api/console/tickets/:id/documents/:document': { statuses: [401, 401, 401, 401, 403, 200, 403] },
  // Each employee's own earlier calls with documents: any employee, each seeing only their own.
  'GET /api/console/documents': { statuses: anyEmployee(200) },
  'PUT /api/console/tickets/:id/document-guests': { statuses: [401, 401, 401, 401, 403, 204, 403], body: () => ({ allowed: true }) },
  // The scene's employee lets the interpreter send documents.
  'POST /api/guests/current/documents': { statuses: [401, 401, 401, 201, 401, 401, 401], body: () => PHOTO, headers: photoHeaders },
  'GET /api/guests/current/documents': { statuses: [401, 401, 401, 200, 401, 401, 401] },
  'GET /api/guests/current/documents/:document': { statuses: [401, 401, 401, 200, 401, 401, 401] },

  // Payments (issue 16). Asking the citizen to pay is for the employee in the call; the call's
  // payments, like its outcome, any employee reads. The citizen sees and retries only their own
  // call's payments (another call's payment is unknown to them: 404). The bookkeeping export and
  // refunds are the beheerder's. The provider's webhook is anyone's, and believed in nothing: an
  // id nobody created gets the same 200. The return page is a page.
  'POST /api/console/tickets/:id/payments': {
    statuses: [401, 401, 401, 401, 403, 201, 403],
    mutates: true,
    body: () => ({ fees: ['paspoort-volwassene'] }),
  },
  'GET /api/console/tickets/:id/payments': { statuses: anyEmployee(200) },
  'GET /api/tickets/current/payments': { statuses: [401, 200, 200, 401, 401, 401, 401], check: ownPaymentsOnly },
  'POST /api/tickets/current/payments/:payment/retry': { statuses: [401, 201, 404, 401, 401, 401, 401], mutates: true },
  'POST /api/payments/webhook': { statuses: same(200), body: () => ({ id: 'tr_nobodyMadeThis' }) },
  'GET /betaling/klaar': { statuses: same(200) },
  'GET /api/console/payments.csv': { statuses: [401, 401, 401, 401, 403, 403, 200] },
  'POST /api/console/payments/:payment/refund': { statuses: [401, 401, 401, 401, 403, 403, 200], mutates: true },
  // Paying an appointment paid at booking: with that booking's manage secret only.
  'POST /api/bookings/current/payment': { statuses: [401, 201, 201, 401, 401, 401, 401], mutates: true },
};

/** The citizen in the call sees its two payments; the other citizen, whose call has none, none. */
function ownPaymentsOnly(actor: Actor, body: string): string | undefined {
  if (actor !== 'citizen' && actor !== 'otherCitizen') return undefined;
  const count = (JSON.parse(body) as { payments: unknown[] }).payments.length;
  const expected = actor === 'citizen' ? 2 : 0;
  return count === expected ? undefined : `${count} payments, expected ${expected}`;
}


/** The error code of an API error's body, to say why a cell misfits. */
function errorCode(body: string): string {
  return /"code":"([a-z_]+)"/.exec(body)?.[1] ?? '';
}

/** Which of a citizen's credentials a route reads. */
type Via = 'ticket' | 'booking' | 'paidBooking' | 'identity' | 'guest';

/** The citizen's credential a route reads: by the part of the API it belongs to. */
function viaOf(path: string): Via {
  if (path === '/api/bookings/current/payment') return 'paidBooking';
  if (path.startsWith('/api/bookings/current')) return 'booking';
  if (path.startsWith('/api/identity')) return 'identity';
  if (path.startsWith('/api/guests')) return 'guest';
  return 'ticket';
}

/** Only the citizens, with their session cookie, are told who they are. */
function signedInCitizenOnly(actor: Actor, body: string): string | undefined {
  const identified = (JSON.parse(body) as { identified: boolean }).identified;
  const citizen = actor === 'citizen' || actor === 'otherCitizen';
  return identified === citizen ? undefined : `identified: ${identified}`;
}

/** Every credential a caller may hold; each request sends the one its route reads. */
interface Credentials {
  ticket?: string;
  booking?: string;
  /** The manage secret of an appointment paid at booking, held while it is paid. */
  paidBooking?: string;
  identity?: string;
  guest?: string;
  console?: string;
}

/**
 * One moment of the journey: the citizen's ticket in a call with the employee who admitted them
 * and an admitted guest, a second guest still waiting, and another citizen waiting. Both citizens
 * logged in with DigiD and booked an appointment.
 */
interface Scene {
  inCall: string;
  waiting: string;
  citizen: Credentials;
  otherCitizen: Credentials;
  guest: Credentials;
  waitingGuestId: string;
  unusedGuestCode: string;
  freeSlot: string;
  withBookings: boolean;
  /** A photo the citizen sent in the call. */
  documentId: string;
  /** In the call, a payment that failed and then one that was paid. */
  failedPaymentId: string;
  paidPaymentId: string;
}

/** The `employee.id`s of the colleague and the beheerder not in the call, for a hand-over's `to`. */
type EmployeeIds = Record<'outsider' | 'beheerder', string>;

/** The booking config with fees: the passport's in the call, and a hall paid at booking. */
const matrixConfig = {
  ...bookingConfig,
  products: [
    ...bookingConfig.products.map((p) => (p.id === 'paspoort' ? { ...p, fees: [{ id: 'paspoort-volwassene', label: 'Paspoort volwassene', amount: 8430 }] } : p)),
    { id: 'zaal-vooraf', name: 'Zaal huren, vooraf betalen', durationMinutes: 30, payAtBooking: true, fees: [{ id: 'zaalhuur', label: 'Zaalhuur', amount: 12550 }] },
  ],
  payments: { method: 'ideal' as const },
};

describe('the authorization matrix (issue 14)', () => {
  const provider = useEmployeeProvider();
  let simulator: PaymentSimulator;
  // One store and one app for the whole table (not useTestStore, which empties the store before
  // each test): the actors sign in once, and only the cells that change something get a scene of
  // their own.
  let store: TestStore;
  let app: FastifyInstance;
  const closing: (() => Promise<void>)[] = [];
  let registered: string[];
  let employees: Record<'outsider' | 'inCall' | 'beheerder', string>;
  let slots: string[];
  let dir: string;
  let sharedScene: Scene;
  const employeeIds = {} as EmployeeIds;

  before(async () => {
    store = await openTestStore();
    PHOTO = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#1e78c8' } }).png().toBuffer();
    dir = await mkdtemp(join(tmpdir(), 'balie-matrix-'));
    await writeFile(join(dir, 'digitale-balie.js'), 'export {};');
    const issuer = 'https://idp.invalid';
    const routes = new Set<string>();
    simulator = await startPaymentSimulator();
    closing.push(() => simulator.close());
    app = testApp({ after: (fn) => void closing.push(fn) }, store.db, {
      config: matrixConfig,
      // The provider is the simulator; its webhook calls go nowhere (the table posts them itself).
      payments: {
        provider: createMollieProvider({ apiKey: SIMULATOR_API_KEY, apiEndpoint: simulator.apiEndpoint, caFile: SIMULATOR_CA_FILE }),
        publicUrl: 'http://127.0.0.1:1',
      },
      staticDir: dir,
      // Every cell is one request; the limits have tests of their own (routes.test.ts).
      rateLimits: {},
      identity: {
        providers: [
          {
            id: 'digid',
            issuer,
            clientId: 'balie',
            clientSecret: 'secret',
            redirectUri: 'https://balie.invalid/api/identity/callback',
          },
        ],
        returnUrlAllowlist: ['https://www.testdorp.nl/'],
      },
      employeeLogin: provider.login,
    });
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && method !== 'OPTIONS') routes.add(`${method} ${route.url}`);
      }
    });
    await app.ready();
    registered = [...routes].sort();
    employees = await signInEmployees();
    for (const who of ['outsider', 'beheerder'] as const) {
      const session = await app.inject({ url: '/api/console/session', headers: { cookie: employees[who] } });
      employeeIds[who] = session.json<ConsoleSessionResponse>().employee.id;
    }
    slots = (await freeSlotList(app)).map((slot) => slot.start).reverse();
    sharedScene = await makeScene();
  });
  after(async () => {
    for (const close of closing) await close();
    await store?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Fatima admits the citizen; Kees, a colleague, and Bert, the beheerder, are not in the call. */
  async function signInEmployees(): Promise<Record<'outsider' | 'inCall' | 'beheerder', string>> {
    return {
      inCall: await employeeSignsIn(app, 'Fatima'),
      outsider: await employeeSignsIn(app, 'Kees'),
      beheerder: await employeeSignsIn(app, 'Bert'),
    };
  }

  async function request(method: string, url: string, credentials: Credentials, via: Via, payload?: object, extra: Record<string, string> = {}) {
    const secret = credentials[via];
    const headers: Record<string, string> = {
      ...(secret && via !== 'identity' ? bearer(secret) : {}),
      ...(secret && via === 'identity' ? { cookie: `${CITIZEN_COOKIE}=${secret}`, origin: ALLOWED_ORIGIN } : {}),
      ...(credentials.console ? { cookie: credentials.console } : {}),
    };
    return app.inject({ method: method as 'POST', url, headers: { ...JSON_TYPE, ...headers, ...extra }, payload: payload ?? {} });
  }

  /** A citizen who logged in with DigiD and joined the queue, and (when asked) booked too. */
  async function citizen(withBooking: boolean): Promise<Credentials & { id: string }> {
    const login = await identitySession(store.db, 'substantieel');
    const taken = await request('POST', '/api/tickets', { identity: login }, 'identity', { product: 'paspoort' });
    assert.equal(taken.statusCode, 201, taken.body);
    const { ticket, secret } = taken.json<CreateTicketResponse>();
    // That session is spent on the ticket; the identity routes see a later, unspent one.
    const identity = await identitySession(store.db, 'substantieel');
    if (!withBooking) return { id: ticket.id, ticket: secret, identity };
    const booked = await postBooking(app, bookingBody(slots.pop()!), newKey());
    assert.equal(booked.statusCode, 201, booked.body);
    const { booking, manageSecret } = booked.json<CreateBookingResponse>();
    // Due in five minutes, so joining the queue from it is open.
    await store.db.query(`UPDATE booking SET slot_start = now() + interval '5 minutes', slot_end = now() + interval '35 minutes' WHERE id = $1`, [booking.id]);
    const held = await postBooking(app, bookingBody(slots.pop()!, { product: 'zaal-vooraf' }), newKey());
    assert.equal(held.statusCode, 201, held.body);
    return { id: ticket.id, ticket: secret, identity, booking: manageSecret, paidBooking: held.json<CreateBookingResponse>().manageSecret };
  }

  /** Fatima asks the citizen in her call to pay; the provider says how it ended. */
  async function payment(ticketId: string, outcome: 'failed' | 'paid'): Promise<string> {
    const asked = await request('POST', `/api/console/tickets/${ticketId}/payments`, { console: employees.inCall }, 'ticket', { fees: ['paspoort-volwassene'] });
    assert.equal(asked.statusCode, 201, asked.body);
    const created = asked.json<PaymentView>();
    const providerId = new URL(created.checkoutUrl!).pathname.split('/').pop()!;
    await simulator.choose(providerId, outcome);
    const hook = await app.inject({ method: 'POST', url: '/api/payments/webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `id=${providerId}` });
    assert.equal(hook.statusCode, 200, hook.body);
    return created.id;
  }

  async function guestLink(ticketId: string): Promise<string> {
    const invite = await request('POST', `/api/console/tickets/${ticketId}/guests`, { console: employees.inCall }, 'ticket');
    assert.equal(invite.statusCode, 201, invite.body);
    return new URL(invite.json<GuestInviteResponse>().inviteUrl).hash.replace('#balie-gast=', '');
  }

  async function redeem(code: string): Promise<string> {
    const redeemed = await request('POST', '/api/guests', {}, 'guest', { code });
    assert.equal(redeemed.statusCode, 201, redeemed.body);
    return redeemed.json<RedeemGuestLinkResponse>().secret;
  }

  async function makeScene(withBookings = true): Promise<Scene> {
    const fatima = { console: employees.inCall };
    const first = await citizen(withBookings);
    const other = await citizen(withBookings);
    const admitted = await request('POST', `/api/console/tickets/${first.id}/admit`, fatima, 'ticket');
    assert.equal(admitted.statusCode, 200, admitted.body);
    const guest = await redeem(await guestLink(first.id));
    await redeem(await guestLink(first.id));
    const listed = await app.inject({ url: `/api/console/tickets/${first.id}/guests`, headers: { cookie: employees.inCall } });
    const guests = listed.json<GuestListResponse>().guests;
    for (const { id } of guests.slice(0, 1)) {
      const let_in = await request('POST', `/api/console/tickets/${first.id}/guests/${id}/admit`, fatima, 'ticket');
      assert.equal(let_in.statusCode, 204, let_in.body);
    }
    const allowed = await request('PUT', `/api/console/tickets/${first.id}/document-guests`, fatima, 'ticket', { allowed: true });
    assert.equal(allowed.statusCode, 204, allowed.body);
    const sent = await request('POST', '/api/tickets/current/documents', first, 'ticket', PHOTO, photoHeaders());
    assert.equal(sent.statusCode, 201, sent.body);
    const failedPaymentId = await payment(first.id, 'failed');
    const paidPaymentId = await payment(first.id, 'paid');
    return {
      inCall: first.id,
      waiting: other.id,
      citizen: first,
      otherCitizen: other,
      guest: { guest },
      waitingGuestId: guests[1]!.id,
      unusedGuestCode: await guestLink(first.id),
      freeSlot: withBookings ? slots.pop()! : '',
      withBookings,
      documentId: sent.json<{ id: string }>().id,
      failedPaymentId,
      paidPaymentId,
    };
  }

  function credentialsOf(actor: Actor, scene: Scene, row: Row, signedIn = employees): Credentials {
    switch (actor) {
      case 'anonymous':
        return {};
      case 'citizen':
        return row.waiting ? scene.otherCitizen : scene.citizen;
      case 'otherCitizen':
        return row.waiting ? scene.citizen : scene.otherCitizen;
      case 'guest':
        return scene.guest;
      default:
        return { console: signedIn[actor] };
    }
  }

  it('answers every caller of every registered route as the issue demands', async () => {
    assert.deepEqual(registered.filter((route) => !(route in MATRIX)), [], 'registered, but not in the matrix');
    assert.deepEqual(Object.keys(MATRIX).filter((route) => !registered.includes(route)).sort(), [], 'in the matrix, but not registered');
    const misfits: string[] = [];
    // A changing request gets a scene of its own, made again only after a request changed it.
    let changing: Scene | undefined;
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, path] = key.split(' ') as [string, string];
      const signedIn = row.signsOut ? await signInEmployees() : employees;
      const withBookings = path.startsWith('/api/bookings');
      for (const [i, actor] of ACTORS.entries()) {
        if (row.mutates && (!changing || (withBookings && !changing.withBookings))) changing = await makeScene(withBookings);
        const scene = row.mutates ? changing! : sharedScene;
        const url =
          path
            .replace(':id', row.waiting ? scene.waiting : scene.inCall)
            .replace(':guest', scene.waitingGuestId)
            .replace(':document', scene.documentId)
            .replace(':payment', path.endsWith('/retry') ? scene.failedPaymentId : scene.paidPaymentId)
            .replace('*', 'digitale-balie.js') + (row.query ?? '');
        const credentials = credentialsOf(actor, scene, row, signedIn);
        const answer = row.stream
          ? await streamAnswer(url, credentials, viaOf(path))
          : await request(method, url, credentials, viaOf(path), row.body?.({ ...scene, ...employeeIds }, actor), row.headers?.());
        if (row.mutates && answer.statusCode < 300) changing = undefined;
        const wrong =
          answer.statusCode !== row.statuses[i]
            ? `${answer.statusCode} ${errorCode(answer.body)}, expected ${row.statuses[i]}`
            : row.check?.(actor, answer.body);
        if (wrong) misfits.push(`${key} as ${actor}: ${wrong}`);
      }
      // A new login ends the person's older sessions, so the table's own sessions start again.
      if (row.signsOut) employees = await signInEmployees();
    }
    assert.deepEqual(misfits, []);
  });

  async function streamAnswer(url: string, credentials: Credentials, via: Via): Promise<{ statusCode: number; body: string }> {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const secret = credentials[via];
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}${url}`, {
      headers: { ...(secret ? bearer(secret) : {}), ...(credentials.console ? { cookie: credentials.console } : {}) },
      signal: abort.signal,
    });
    const body = response.ok ? '' : await response.text();
    abort.abort();
    return { statusCode: response.status, body };
  }
});
