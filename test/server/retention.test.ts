import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { auditFor } from '../../src/server/audit/audit.js';
import { purgeExpiredData } from '../../src/server/retention/index.js';
import { DEFAULT_RETENTION_PERIODS } from '../../src/server/retention/retention-rules.js';
import type { Db } from '../../src/server/store/index.js';
import { testApp, useTestStore, waitFor } from './helpers.js';

const BSN = '999993653';

/** `now() - interval '<ago>'`, as SQL. */
const ago = (interval: string) => `now() - interval '${interval}'`;

async function login(db: Db, created: string, sessionExpires: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO identity_login (provider, national_number, level_of_assurance, name, created_at)
     VALUES ('digid', $1, 'substantieel', 'Test Persoon', ${created}) RETURNING id`,
    [BSN],
  );
  const id = rows[0]!.id;
  await db.query(
    `INSERT INTO identity_session (token_hash, login_id, expires_at) VALUES ($1, $2, ${sessionExpires})`,
    [randomUUID(), id],
  );
  return id;
}

/** A ticket: live (`ended` undefined) or ended at that SQL moment. */
async function ticket(db: Db, ended?: string, loginId?: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO waiting_ticket
       (secret_hash, product, expires_at, state, end_reason, ended_at, room, citizen_identity, identity_login_id)
     VALUES ($1, 'paspoort', now() + interval '1 hour', $2, $3, ${ended ?? 'NULL'}, $4, $5, $6)
     RETURNING id`,
    [
      randomUUID(),
      ended ? 'ended' : 'admitted',
      ended ? 'ended-by-employee' : null,
      `room-${randomUUID()}`,
      `citizen-${randomUUID()}`,
      loginId ?? null,
    ],
  );
  return rows[0]!.id;
}

/** A booking of `state` whose appointment ended at that SQL moment, for an identity. */
async function booking(db: Db, state: string, slotEnd: string, loginId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO booking (product, slot_start, slot_end, desk, state, manage_hash, idempotency_key,
       request_hash, name, email, phone, page_url, identity_login_id)
     VALUES ('paspoort', ${slotEnd} - interval '15 minutes', ${slotEnd}, 1, $1, $2, $3, 'h',
       'Suzanne Moulin', 'suzanne@example.nl', '0612345678', 'https://x.nl/', $4)
     RETURNING id`,
    [state, randomUUID(), randomUUID(), loginId],
  );
  return rows[0]!.id;
}

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]!.n;
}

describe('the retention purge (issue #7)', () => {
  const db = useTestStore();

  it('deletes personal data past its period, keeps what is younger or still in use, and audits the counts', async () => {
    // Identities: unused for two days (goes, with its session); in use now (stays); old but
    // carried by a ticket still in a call (stays); old, its ticket ended two days ago (goes).
    const stale = await login(db, ago('3 days'), ago('2 days'));
    const fresh = await login(db, 'now()', `now() + interval '1 hour'`);
    const inCall = await login(db, ago('3 days'), ago('2 days'));
    const done = await login(db, ago('3 days'), ago('2 days'));
    const liveTicket = await ticket(db, undefined, inCall);
    const oldTicket = await ticket(db, ago('2 days'), done);
    const newTicket = await ticket(db, 'now()');
    // Bookings: one done 40 days ago (its details go, past the 30-day default), one coming
    // (its details and its identity stay, however old the login).
    const bookedLong = await login(db, ago('3 days'), ago('2 days'));
    const oldBooking = await booking(db, 'done', ago('40 days'), done);
    const comingBooking = await booking(db, 'booked', `now() + interval '3 days'`, bookedLong);

    await db.query(
      `INSERT INTO identity_flow (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at)
       VALUES ('old', 'digid', 'paspoort', 'https://x.nl/', 'midden', 'n', 'v', ${ago('2 days')}),
              ('new', 'digid', 'paspoort', 'https://x.nl/', 'midden', 'n', 'v', now() + interval '10 minutes')`,
    );
    await db.query(
      `INSERT INTO identity_used_code (code_hash, used_at) VALUES ('old', ${ago('2 days')}), ('new', now())`,
    );
    await db.query(
      `INSERT INTO guest_invite (ticket_id, code_hash, expires_at)
       VALUES ($1, 'old-call-over', ${ago('2 days')}), ($2, 'old-call-on', ${ago('2 days')})`,
      [oldTicket, liveTicket],
    );
    await db.query(
      `INSERT INTO call_feedback (ticket_id, score, comment, created_at)
       VALUES ($1, 4, 'Mijn adres is Dorpsstraat 1', ${ago('31 days')}), ($2, 5, 'Prima', now())`,
      [oldTicket, newTicket],
    );
    await db.query(
      `INSERT INTO livekit_webhook_event (id, event, received_at)
       VALUES ('old', 'room_finished', ${ago('8 days')}), ('new', 'room_finished', now())`,
    );
    await db.query(
      `INSERT INTO audit_log (at, actor, action, subject) VALUES
       (${ago('400 days')}, 'system', 'ticket.ended', 'ticket:old'), (now(), 'system', 'ticket.ended', 'ticket:new')`,
    );

    await db.query(
      `INSERT INTO ticket_outcome (ticket_id, outcome, first_time_right, note, updated_at, updated_by)
       VALUES ($1, 'afgehandeld', true, 'Belt terug over de pasfoto', ${ago('91 days')}, 'employee:fatima'),
              ($2, 'vervolg-nodig', false, 'Nog een afspraak nodig', now(), 'employee:fatima')`,
      [oldTicket, newTicket],
    );

    // Payment records are bookkeeping, kept for the fiscal period (7 years), then gone (issue 16).
    for (const [providerId, years] of [['tr_eightyears', 8], ['tr_sixyears', 6]] as const) {
      await db.query(
        `INSERT INTO payment (product, fee_ids, description, amount_cents, method, provider, provider_id, status, requested_by, created_at)
         VALUES ('paspoort', 'paspoort-volwassene', 'Paspoort volwassene', 8430, 'ideal', 'mollie', $1, 'paid', 'fatima', now() - make_interval(years => $2))`,
        [providerId, years],
      );
    }
    const counts = await purgeExpiredData(db);

    assert.deepEqual(counts, {
      payments: 1,
      identityLogins: 2,
      oidcFlows: 1,
      oidcHandoffResumes: 0,
      oidcRefusedResumes: 0,
      oidcUsedCodes: 1,
      ticketLinks: 1,
      guestInvites: 1,
      feedbackComments: 1,
      bookingDetails: 1,
      bookingMails: 0,
      callNotes: 1,
      // Documents are proven gone with their links in documents.test.ts.
      documentContents: 0,
      documents: 0,
      webhookIds: 1,
      auditEntries: 1,
    });
    const payments = await db.query<{ provider_id: string }>('SELECT provider_id FROM payment');
    assert.deepEqual(payments.rows.map((row) => row.provider_id), ['tr_sixyears']);
    const logins = await db.query<{ id: string }>('SELECT id FROM identity_login ORDER BY created_at');
    assert.deepEqual(new Set(logins.rows.map((row) => row.id)), new Set([fresh, inCall, bookedLong]));
    const bookings = await db.query<{ id: string; name: string; email: string; phone: string | null; login: string | null }>(
      `SELECT id, name, email, phone, identity_login_id AS login FROM booking`,
    );
    const bookingById = new Map(bookings.rows.map((row) => [row.id, row]));
    assert.deepEqual(
      { ...bookingById.get(oldBooking)!, id: undefined },
      { id: undefined, name: '', email: '', phone: null, login: null },
      'a past booking keeps its row for the figures, not who it was for',
    );
    assert.equal(bookingById.get(comingBooking)!.email, 'suzanne@example.nl', 'a coming booking keeps its details');
    assert.equal(bookingById.get(comingBooking)!.login, bookedLong);
    assert.ok(stale);
    assert.equal(await count(db, 'identity_session WHERE login_id = ANY($1::uuid[])', [[stale, done]]), 0);
    assert.equal(await count(db, 'identity_flow'), 1);
    assert.equal(await count(db, 'identity_used_code'), 1);
    const tickets = await db.query<{ id: string; login: string | null; citizen: string | null; room: string | null }>(
      `SELECT id, identity_login_id AS login, citizen_identity AS citizen, room FROM waiting_ticket`,
    );
    const byId = new Map(tickets.rows.map((row) => [row.id, row]));
    assert.equal(byId.get(oldTicket)!.login, null, "the ended ticket's link to the person is gone");
    assert.equal(byId.get(oldTicket)!.citizen, null);
    assert.ok(byId.get(oldTicket)!.room, 'the ticket itself stays, for the statistics');
    assert.ok(byId.get(newTicket)!.citizen, 'a ticket ended today keeps its links');
    assert.equal(byId.get(liveTicket)!.login, inCall);
    assert.deepEqual(
      (await db.query<{ code_hash: string }>('SELECT code_hash FROM guest_invite')).rows,
      [{ code_hash: 'old-call-on' }],
    );
    assert.deepEqual(
      (await db.query('SELECT score, comment FROM call_feedback ORDER BY score')).rows,
      [
        { score: 4, comment: null },
        { score: 5, comment: 'Prima' },
      ],
    );
    assert.deepEqual(
      (await db.query('SELECT outcome, note FROM ticket_outcome ORDER BY outcome')).rows,
      [
        { outcome: 'afgehandeld', note: null },
        { outcome: 'vervolg-nodig', note: 'Nog een afspraak nodig' },
      ],
      'an old note goes, its outcome stays',
    );
    assert.equal(await count(db, 'livekit_webhook_event'), 1);
    assert.equal(await count(db, `audit_log WHERE subject = 'ticket:old'`), 0);

    const [entry, ...more] = await auditFor(db, 'retention');
    assert.equal(more.length, 0, 'one audit entry per run');
    assert.equal(entry!.actor, 'system');
    assert.equal(entry!.action, 'retention.purged');
    assert.deepEqual(JSON.parse(entry!.reason!), counts);

    assert.deepEqual(
      Object.values(await purgeExpiredData(db)).filter((n) => n > 0),
      [],
      'a second run finds nothing left',
    );
  });

  it('forgets an abandoned DigiD login, with the name and e-mail it carried, an hour after it ended', async () => {
    const resume = JSON.stringify({ mode: 'afspraak', details: { name: 'Fatima de Vries', email: 'fatima@example.nl' } });
    await db.query(
      `INSERT INTO identity_flow (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at, used_at, resume)
       VALUES ('abandoned', 'digid', 'paspoort', 'https://x.nl/', 'midden', 'n', 'v', ${ago('2 hours')}, NULL, $1),
              ('used', 'digid', 'paspoort', 'https://x.nl/', 'midden', 'n', 'v', ${ago('70 minutes')}, ${ago('2 hours')}, NULL),
              ('recent', 'digid', 'paspoort', 'https://x.nl/', 'midden', 'n', 'v', ${ago('30 minutes')}, NULL, $1)`,
      [resume],
    );
    // Back from DigiD, but the one-time code was never exchanged: the login stays its day, the
    // filled-in form does not.
    const unexchanged = await login(db, ago('2 hours'), ago('2 hours'));
    await db.query(
      `INSERT INTO identity_handoff (code_hash, login_id, expires_at, resume) VALUES
       ('old-code', $1, ${ago('2 hours')}, $2), ('new-code', $1, ${ago('10 minutes')}, $2)`,
      [unexchanged, resume],
    );

    // A cancelled login handed its filled-in form back under a code: taken or not, it goes.
    await db.query(
      `INSERT INTO identity_resume_handoff (code_hash, resume, expires_at) VALUES
       ('old-refused', $1, ${ago('2 hours')}), ('new-refused', $1, ${ago('10 minutes')})`,
      [resume],
    );

    const counts = await purgeExpiredData(db);

    assert.equal(counts.oidcFlows, 2);
    assert.equal(counts.oidcHandoffResumes, 1);
    assert.equal(counts.oidcRefusedResumes, 1);
    assert.deepEqual((await db.query('SELECT code_hash FROM identity_resume_handoff')).rows, [{ code_hash: 'new-refused' }]);
    assert.deepEqual((await db.query('SELECT state_hash FROM identity_flow')).rows, [{ state_hash: 'recent' }]);
    assert.deepEqual(
      (await db.query('SELECT code_hash, resume IS NULL AS cleared FROM identity_handoff ORDER BY code_hash')).rows,
      [
        { code_hash: 'new-code', cleared: false },
        { code_hash: 'old-code', cleared: true },
      ],
    );
    assert.equal(await count(db, 'identity_login WHERE id = $1', [unexchanged]), 1, 'the login waits for its own period');
  });

  it('counts a session that went idle as over, even before its absolute end', async () => {
    const idle = await login(db, ago('3 days'), `now() + interval '1 hour'`);
    await db.exec(`UPDATE identity_session SET last_used_at = now() - interval '2 days'`);
    const busy = await login(db, ago('3 days'), `now() + interval '1 hour'`);
    assert.equal((await purgeExpiredData(db)).identityLogins, 1);
    assert.equal(await count(db, 'identity_login WHERE id = $1', [idle]), 0);
    assert.equal(await count(db, 'identity_login WHERE id = $1', [busy]), 1);
  });

  it('honours configured periods', async () => {
    const young = await login(db, ago('2 hours'), ago('2 hours'));
    assert.equal((await purgeExpiredData(db)).identityLogins, 0, 'kept under the 1-day default');
    const periods = { ...DEFAULT_RETENTION_PERIODS, identityDays: 1 / 24 };
    assert.equal((await purgeExpiredData(db, periods)).identityLogins, 1, 'gone after an hour');
    assert.equal(await count(db, 'identity_login WHERE id = $1', [young]), 0);
    await assert.rejects(purgeExpiredData(db, { ...periods, webhookDays: 0 }), {
      message: /^balie-retention: period webhookDays must be a positive number of days/,
    });
  });

  it('runs by itself on its interval', async (t) => {
    await login(db, ago('3 days'), ago('2 days'));
    const app = testApp(t, db, { retentionIntervalMs: 50 });
    await app.ready();
    // Newest first; at 50 ms several runs may have happened, and only the first found the row.
    const entry = await waitFor(async () => (await auditFor(db, 'retention')).at(-1), 'a purge run');
    assert.equal(JSON.parse(entry.reason!).identityLogins, 1);
    assert.equal(await count(db, 'identity_login'), 0);
    assert.doesNotMatch(entry.reason!, new RegExp(BSN), 'no personal data in the audit log');
  });
});
