import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { recordAudit } from '../../src/server/audit/audit.js';
import { markNoShows } from '../../src/server/console/agenda-store.js';
import { deleteExpiredEmployeeSessions } from '../../src/server/console/employee-session-store.js';
import { purgeExpiredData } from '../../src/server/retention/index.js';
import { RETENTION_RULES } from '../../src/server/retention/retention-rules.js';
import type { Db } from '../../src/server/store/index.js';
import { assertApiError, bearer, testApp, useTestStore, waitFor } from './helpers.js';
import { book, bookingConfig, freeSlotList } from './booking-support.js';

// Issue 14, #10: retention covers every table that can hold personal data.

/** The console's own sweep forgets ended employee sessions (employee-session-store.ts). */
const EMPLOYEE_SESSION_SWEEP = 'employeeSessionSweep';

type Column = { personal: string } | { notPersonal: string };
/** Personal: purged by this retention rule (its `name`) or the employee session sweep. */
const personal = (rule: string): Column => ({ personal: rule });
/** Not personal, and why. */
const not = (why: string): Column => ({ notPersonal: why });

const RANDOM = not('a random id, secret hash or nonce');
const MOMENT = not('a moment, no person');
const EMPLOYEE_ID = not("an employee's opaque id at the municipality's provider: a work record, no name");

/**
 * Every column of every table, classified. Read against information_schema: a new table or
 * column fails the test until someone says whether it holds personal data, and what purges it.
 */
const CLASSIFICATION: Record<string, Record<string, Column>> = {
  audit_log: {
    id: RANDOM,
    at: MOMENT,
    actor: personal('auditEntries'),
    action: not('what was done'),
    subject: not('a ticket or booking id'),
    reason: personal('auditEntries'),
    request_id: RANDOM,
  },
  booking: {
    id: RANDOM,
    product: not('a product id'),
    slot_start: MOMENT,
    slot_end: MOMENT,
    desk: not('a desk number'),
    state: not('a state'),
    manage_hash: RANDOM,
    idempotency_key: RANDOM,
    request_hash: personal('bookingDetails'),
    name: personal('bookingDetails'),
    email: personal('bookingDetails'),
    phone: personal('bookingDetails'),
    lang: not('a language'),
    page_url: not("the municipality's page"),
    identity_login_id: personal('bookingDetails'),
    ticket_id: RANDOM,
    created_at: MOMENT,
    cancelled_at: MOMENT,
    hold_until: MOMENT,
    cancel_reason: not('why a booking was cancelled: a code, no person'),
    backend: not('a backend id'),
    calendar: not("the municipality's calendar"),
    event_url: not("the event's address in the municipality's calendar"),
    reminder_secret: personal('bookingDetails'),
    details_purged_at: MOMENT,
  },
  // Documents sent in a call (issue 15): the content, the name and the key go a set time after
  // the call; the row (type, size, times) stays so its link answers 410.
  call_document: {
    id: RANDOM,
    ticket_id: RANDOM,
    sender: not('a role: citizen, employee or interpreter'),
    name: personal('documents'),
    media_type: not('a file type'),
    size_bytes: not('a size'),
    has_thumbnail: not('a yes or no'),
    sealed_key: personal('documents'),
    created_at: MOMENT,
    purged_at: MOMENT,
  },
  call_document_content: {
    document_id: RANDOM,
    part: not('file or thumbnail'),
    sealed: personal('documentContents'),
  },
  call_feedback: { ticket_id: RANDOM, score: not('a score'), comment: personal('feedbackComments'), created_at: MOMENT },
  employee_login_flow: {
    state_hash: RANDOM,
    browser_hash: RANDOM,
    nonce: RANDOM,
    code_verifier: RANDOM,
    created_at: MOMENT,
    expires_at: MOMENT,
    used_at: MOMENT,
  },
  employee_session: {
    id_hash: RANDOM,
    created_at: MOMENT,
    expires_at: MOMENT,
    employee_id: personal(EMPLOYEE_SESSION_SWEEP),
    role: not('a role'),
    display_name: personal(EMPLOYEE_SESSION_SWEEP),
    last_used_at: MOMENT,
    idle_seconds: not('a duration'),
  },
  guest_invite: {
    id: RANDOM,
    ticket_id: RANDOM,
    code_hash: RANDOM,
    secret_hash: RANDOM,
    state: not('a state'),
    identity: personal('guestInvites'),
    created_at: MOMENT,
    expires_at: MOMENT,
    redeemed_at: MOMENT,
  },
  identity_flow: {
    state_hash: RANDOM,
    provider: not('a provider id'),
    product: not('a product id'),
    return_url: personal('oidcFlows'),
    level_of_assurance: not('a level'),
    nonce: RANDOM,
    code_verifier: RANDOM,
    created_at: MOMENT,
    expires_at: MOMENT,
    used_at: MOMENT,
    resume: personal('oidcFlows'),
    // The hash of the random value the starting browser keeps (login CSRF, issue 14 #5).
    binding_hash: RANDOM,
  },
  identity_handoff: {
    code_hash: RANDOM,
    login_id: personal('identityLogins'),
    expires_at: MOMENT,
    used_at: MOMENT,
    resume: personal('oidcHandoffResumes'),
    binding_hash: RANDOM,
  },
  identity_login: {
    id: RANDOM,
    provider: not('a provider id'),
    national_number: personal('identityLogins'),
    level_of_assurance: not('a level'),
    name: personal('identityLogins'),
    created_at: MOMENT,
  },
  identity_resume_handoff: { code_hash: RANDOM, resume: personal('oidcRefusedResumes'), expires_at: MOMENT },
  identity_session: {
    token_hash: RANDOM,
    login_id: personal('identityLogins'),
    created_at: MOMENT,
    expires_at: MOMENT,
    last_used_at: MOMENT,
    idle_seconds: not('a duration'),
  },
  identity_used_code: { code_hash: RANDOM, used_at: MOMENT },
  job_lease: { job: not('a job name'), holder: RANDOM, taken_at: MOMENT, expires_at: MOMENT },
  livekit_webhook_event: { id: RANDOM, event: not("the event's kind"), received_at: MOMENT },
  mail_outbox: {
    id: RANDOM,
    booking_id: RANDOM,
    kind: not('a kind of mail'),
    message: personal('bookingMails'),
    attempts: not('a count'),
    next_attempt_at: MOMENT,
    sent_at: MOMENT,
    last_error: not("the SMTP error's code only (outbox.ts)"),
    created_at: MOMENT,
    once_key: not('a booking id and a moment'),
  },
  schema_migrations: { version: not('a migration'), applied_at: MOMENT },
  // Bookkeeping for the fiscal period (issue 16): no name, no BSN, no bank data; the whole row
  // goes after BALIE_RETENTION_PAYMENT_DAYS.
  payment: {
    id: RANDOM,
    ticket_id: RANDOM,
    booking_id: RANDOM,
    product: not('a product id'),
    fee_ids: not("the config's fee ids"),
    description: not("the config's fee labels (an employee types no text here)"),
    amount_cents: not('an amount'),
    method: not('a payment method'),
    provider: not('a provider name'),
    provider_id: RANDOM,
    checkout_url: not("the provider's checkout page"),
    status: not('a state'),
    requested_by: EMPLOYEE_ID,
    created_at: MOMENT,
    updated_at: MOMENT,
    paid_at: MOMENT,
    refund_id: RANDOM,
    refunded_at: MOMENT,
  },
  sms_reminder: { booking_id: RANDOM, slot_start: MOMENT, claimed_at: MOMENT, sent_at: MOMENT },
  ticket_outcome: {
    ticket_id: RANDOM,
    outcome: not('an outcome code'),
    first_time_right: not('a yes or no'),
    note: personal('callNotes'),
    updated_at: MOMENT,
    updated_by: EMPLOYEE_ID,
  },
  waiting_ticket: {
    id: RANDOM,
    secret_hash: RANDOM,
    product: not('a product id'),
    audio_only: not('a yes or no'),
    state: not('a state'),
    end_reason: not('a reason code'),
    created_at: MOMENT,
    expires_at: MOMENT,
    admitted_at: MOMENT,
    ended_at: MOMENT,
    room: RANDOM,
    citizen_identity: personal('ticketLinks'),
    employee_identity: RANDOM,
    identity_login_id: personal('ticketLinks'),
    booking_id: RANDOM,
    admitted_by: EMPLOYEE_ID,
    assigned_to: EMPLOYEE_ID,
    assigned_name: personal('ticketLinks'),
    guests_send_documents: not('a yes or no'),
    lang: not('a language'),
  },
};

async function columns(db: Db): Promise<{ table: string; column: string }[]> {
  const { rows } = await db.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  return rows;
}

/** Rows the purge writes itself, holding counts only: not the seed's. */
const PURGE_OWN_ROWS: Record<string, string> = { audit_log: `action <> 'retention.purged'` };

/** Rows of `table` where `column` still holds something. */
async function holding(db: Db, table: string, column: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}
     WHERE ${column} IS NOT NULL AND ${column}::text NOT IN ('', 'null') AND ${PURGE_OWN_ROWS[table] ?? 'true'}`,
  );
  return rows[0]!.n;
}

const RESUME = JSON.stringify({ product: 'zaal-huren', details: { name: 'Suzanne Moulin', email: 'suzanne@example.nl' } });

/** One row with personal data in every table that can hold it, written as the routes would. */
async function seedEverything(db: Db): Promise<void> {
  const login = await one(
    db,
    `INSERT INTO identity_login (provider, national_number, level_of_assurance, name)
     VALUES ('digid', '999993653', 'substantieel', 'Suzanne Moulin') RETURNING id`,
  );
  await db.query(`INSERT INTO identity_session (token_hash, login_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [randomUUID(), login]);
  await db.query(
    `INSERT INTO identity_handoff (code_hash, login_id, expires_at, resume) VALUES ($1, $2, now() + interval '1 minute', $3)`,
    [randomUUID(), login, RESUME],
  );
  await db.query(
    `INSERT INTO identity_flow (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at, resume)
     VALUES ($1, 'digid', 'paspoort', 'https://www.testdorp.nl/afspraak?naam=Suzanne', 'substantieel', 'n', 'v', now() + interval '10 minutes', $2)`,
    [randomUUID(), RESUME],
  );
  await db.query(`INSERT INTO identity_resume_handoff (code_hash, resume, expires_at) VALUES ($1, $2, now() + interval '1 minute')`, [randomUUID(), RESUME]);
  const ticket = await one(
    db,
    `INSERT INTO waiting_ticket (secret_hash, product, expires_at, state, end_reason, ended_at, room,
       citizen_identity, identity_login_id, assigned_to, assigned_name, admitted_by)
     VALUES ($1, 'paspoort', now(), 'ended', 'ended-by-employee', now(), 'room-1', 'c-1', $2, 'emp-1', 'Kees de Vries', 'emp-1')
     RETURNING id`,
    [randomUUID(), login],
  );
  await db.query(`INSERT INTO call_feedback (ticket_id, score, comment) VALUES ($1, 4, 'Fijn geholpen door Kees')`, [ticket]);
  const document = await one(
    db,
    `INSERT INTO call_document (ticket_id, sender, name, media_type, size_bytes, sealed_key)
     VALUES ($1, 'citizen', 'paspoort-suzanne-moulin.jpg', 'image/jpeg', 1234, 'v1.sealed') RETURNING id`,
    [ticket],
  );
  await db.query(`INSERT INTO call_document_content (document_id, part, sealed) VALUES ($1, 'file', $2)`, [document, Buffer.from('ciphertext')]);
  await db.query(`INSERT INTO ticket_outcome (ticket_id, note, updated_by) VALUES ($1, 'Mevrouw Moulin belt terug', 'emp-1')`, [ticket]);
  await db.query(
    `INSERT INTO guest_invite (ticket_id, code_hash, state, identity, expires_at, redeemed_at)
     VALUES ($1, $2, 'ended', 'i-1', now(), now())`,
    [ticket, randomUUID()],
  );
  const booking = await one(
    db,
    `INSERT INTO booking (product, slot_start, slot_end, desk, state, manage_hash, idempotency_key,
       request_hash, name, email, phone, page_url, identity_login_id, reminder_secret)
     VALUES ('paspoort', now() - interval '15 minutes', now(), 1, 'booked', $1, $2, 'h', 'Suzanne Moulin',
       'suzanne@example.nl', '0612345678', 'https://www.testdorp.nl/afspraak', $3, 'sealed')
     RETURNING id`,
    [randomUUID(), randomUUID(), login],
  );
  await db.query(`INSERT INTO mail_outbox (kind, booking_id, message) VALUES ('booking.confirmed', $1, $2)`, [
    booking,
    JSON.stringify({ to: 'suzanne@example.nl', subject: 'Uw afspraak', text: 'Beste Suzanne Moulin, …#balie-afspraak=secret' }),
  ]);
  await db.query(
    `INSERT INTO employee_session (id_hash, expires_at, employee_id, role, display_name)
     VALUES ($1, now() + interval '8 hours', 'emp-1', 'medewerker', 'Kees de Vries')`,
    [randomUUID()],
  );
  await recordAudit(db, { actor: 'employee:emp-1', action: 'identity.shown', subject: `ticket:${ticket}`, reason: 'Verzoek van mevrouw Moulin' });
}

async function one(db: Db, sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await db.query<{ id: string }>(sql, params);
  return rows[0]!.id;
}

/** Moves every moment in the store back by `days`, as if that time went by. */
async function timePasses(db: Db, days: number): Promise<void> {
  const { rows } = await db.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type = 'timestamp with time zone'`,
  );
  for (const { table, column } of rows) {
    await db.query(`UPDATE ${table} SET ${column} = ${column} - make_interval(days => $1)`, [days]);
  }
}

describe('retention of every table with personal data (issue 14, #10)', () => {
  const db = useTestStore();

  it('classifies every column of every table, and purges each personal one', async () => {
    const found = await columns(db);
    const unclassified = found.filter(({ table, column }) => !CLASSIFICATION[table]?.[column]).map((c) => `${c.table}.${c.column}`);
    assert.deepEqual(unclassified, [], 'columns nobody classified: personal (purged by which rule) or not');
    const known = new Set(found.map(({ table, column }) => `${table}.${column}`));
    const gone = Object.entries(CLASSIFICATION).flatMap(([table, cols]) => Object.keys(cols).map((c) => `${table}.${c}`));
    assert.deepEqual(gone.filter((c) => !known.has(c)), [], 'classified columns that no longer exist');

    const rules = new Set([...RETENTION_RULES.map((rule) => rule.name), EMPLOYEE_SESSION_SWEEP]);
    const personalColumns = Object.entries(CLASSIFICATION).flatMap(([table, cols]) =>
      Object.entries(cols).flatMap(([column, kind]) => ('personal' in kind ? [{ table, column, rule: kind.personal }] : [])),
    );
    assert.deepEqual(personalColumns.filter(({ rule }) => !rules.has(rule)).map((c) => c.rule), [], 'no such rule');

    await seedEverything(db);
    for (const { table, column } of personalColumns) {
      assert.ok((await holding(db, table, column)) > 0, `the seed leaves ${table}.${column} empty, so the test would prove nothing`);
    }
    await timePasses(db, 400);
    await deleteExpiredEmployeeSessions(db);
    await markNoShows(db);
    await purgeExpiredData(db);
    const kept = [];
    for (const { table, column, rule } of personalColumns) {
      if ((await holding(db, table, column)) > 0) kept.push(`${table}.${column} (${rule})`);
    }
    assert.deepEqual(kept, [], 'personal data left after the purge');
  });

  it("empties an undelivered confirmation with its booking, and the booking's manage link answers 410", async (t) => {
    // Nothing listens on port 1: the confirmation stays in the outbox, name, address and link in it.
    const app = testApp(t, db, { config: bookingConfig, mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'balie@testdorp.nl', retryDelayMs: 60_000 } });
    const [slot] = await freeSlotList(app);
    const { booking, manageSecret } = await book(app, slot!.start, { details: { name: 'Anna Bakker', email: 'anna@example.nl' } });
    const outbox = () => db.query<{ message: string | null; attempts: number }>(`SELECT message::text, attempts FROM mail_outbox`);
    await waitFor(async () => ((await outbox()).rows[0]?.attempts ? true : undefined), 'a failed delivery');
    assert.match((await outbox()).rows[0]!.message!, new RegExp(`Anna Bakker.*${manageSecret}`, 's'));

    // The appointment was 40 days ago and nobody came.
    await db.query(`UPDATE booking SET slot_start = now() - interval '40 days', slot_end = now() - interval '40 days' + interval '30 minutes' WHERE id = $1`, [booking.id]);
    await markNoShows(db);
    await purgeExpiredData(db);

    assert.deepEqual((await outbox()).rows.map((row) => row.message), [null]);
    const view = await app.inject({ url: '/api/bookings/current', headers: bearer(manageSecret) });
    assert.match(assertApiError(view, 410, 'booking_purged'), /deleted/);
    const cancel = await app.inject({ method: 'POST', url: '/api/bookings/current/cancel', headers: bearer(manageSecret) });
    assertApiError(cancel, 410, 'booking_purged');
  });
});
