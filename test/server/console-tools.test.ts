import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type {
  BalieConfig,
  ColleaguesResponse,
  ConsoleSessionResponse,
  QueueEntry,
  TicketIdentityView,
  TicketOutcomeView,
} from '../../src/protocol/index.js';
import { auditFor } from '../../src/server/audit/audit.js';
import {
  JSON_TYPE,
  admit,
  assertApiError,
  bearer,
  consolePost,
  signIn,
  takeTicket,
  testApp,
  testConfig,
  useTestStore,
} from './helpers.js';
import { employeeSignsIn, useEmployeeProvider } from './employee-login-support.js';

const BSN = '999993653';

describe('the console at work: audit, identity panel, notes', () => {
  const db = useTestStore();
  const provider = useEmployeeProvider();
  let logLines: string[] = [];

  function app(t: Parameters<typeof testApp>[0]): FastifyInstance {
    logLines = [];
    return testApp(t, db, {
      employeeLogin: provider.login,
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } },
    });
  }

  async function shownEntries(ticketId: string) {
    return (await auditFor(db, `ticket:${ticketId}`)).filter((e) => e.action === 'identity.shown');
  }

  async function employeeId(balie: FastifyInstance, cookie: string): Promise<string> {
    const response = await balie.inject({ url: '/api/console/session', headers: { cookie } });
    return response.json<ConsoleSessionResponse>().employee.id;
  }

  /**
   * A citizen who logged in with DigiD before joining. No route links a login to a ticket on this
   * branch yet (the widget's DigiD stage and bookings do, issue #4), so the test makes the link.
   */
  async function verifiedTicket(balie: FastifyInstance) {
    const taken = await takeTicket(balie);
    await db.query(
      `WITH login AS (
         INSERT INTO identity_login (provider, national_number, level_of_assurance, name)
         VALUES ('digid', $2, 'substantieel', 'S. Moulin') RETURNING id
       )
       UPDATE waiting_ticket SET identity_login_id = (SELECT id FROM login) WHERE id = $1`,
      [taken.ticket.id, BSN],
    );
    return taken;
  }

  it('shows in the queue whether a citizen proved who they are, and that they walked in', async (t) => {
    const balie = app(t);
    const cookie = await signIn(balie);
    const anonymous = await takeTicket(balie);
    const verified = await verifiedTicket(balie);
    const response = await balie.inject({ url: '/api/console/queue', headers: { cookie } });
    const entries = response.json<{ entries: QueueEntry[] }>().entries;
    const flags = entries.map((e) => [e.id, e.identityVerified, e.booked]);
    assert.deepEqual(flags, [
      [anonymous.ticket.id, false, false],
      [verified.ticket.id, true, false],
    ]);
    assert.doesNotMatch(response.body, new RegExp(BSN));
  });

  it('audits admit and end with the employee\'s opaque id', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const { ticket } = await takeTicket(balie);
    await admit(balie, cookie, ticket.id);
    await consolePost(balie, cookie, `/api/console/tickets/${ticket.id}/end`);
    const actor = `employee:${await employeeId(balie, cookie)}`;
    const entries = await auditFor(db, `ticket:${ticket.id}`);
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor]),
      [
        ['ticket.ended', actor],
        ['ticket.admitted', actor],
      ],
    );
    assert.ok(entries.every((e) => e.requestId), 'each entry names its request');
    assert.doesNotMatch(actor, /Fatima/);
  });

  it('tells the employee who loses the race plainly, and audits only the winner', async (t) => {
    const balie = app(t);
    const [fatima, kees] = [await employeeSignsIn(balie, 'Fatima'), await employeeSignsIn(balie, 'Kees')];
    const { ticket } = await takeTicket(balie);
    const url = `/api/console/tickets/${ticket.id}/admit`;
    const [a, b] = await Promise.all([consolePost(balie, fatima, url), consolePost(balie, kees, url)]);
    const loser = [a, b].find((r) => r.statusCode !== 200)!;
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    assert.match(assertApiError(loser, 409, 'already_admitted'), /already been admitted by a colleague/);
    const admitted = (await auditFor(db, `ticket:${ticket.id}`)).filter((e) => e.action === 'ticket.admitted');
    assert.equal(admitted.length, 1);
  });

  it('shows the employee in the call the name, level and a masked BSN', async (t) => {
    const balie = app(t);
    const cookie = await signIn(balie);
    const { ticket } = await verifiedTicket(balie);
    await admit(balie, cookie, ticket.id);
    const response = await balie.inject({
      url: `/api/console/tickets/${ticket.id}/identity`,
      headers: { cookie },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<TicketIdentityView>(), {
      verified: true,
      name: 'S. Moulin',
      levelOfAssurance: 'substantieel',
      provider: 'digid',
      maskedNationalNumber: '*****3653',
    });
    assert.doesNotMatch(response.body, new RegExp(BSN));
  });

  it('says so when the citizen did not log in', async (t) => {
    const balie = app(t);
    const cookie = await signIn(balie);
    const { ticket } = await takeTicket(balie);
    await admit(balie, cookie, ticket.id);
    const response = await balie.inject({ url: `/api/console/tickets/${ticket.id}/identity`, headers: { cookie } });
    assert.deepEqual(response.json(), { verified: false });
    const reveal = await balie.inject({
      method: 'POST',
      url: `/api/console/tickets/${ticket.id}/identity/reveal`,
      headers: { cookie, ...JSON_TYPE },
      payload: { reason: 'Controle identiteit voor de aanvraag' },
    });
    assertApiError(reveal, 409, 'identity_not_verified');
  });

  it('shows the full BSN only with a listed reason, and writes who, when, which reason and why', async (t) => {
    const balie = app(t);
    const cookie = await employeeSignsIn(balie, 'Fatima');
    const { ticket } = await verifiedTicket(balie);
    await admit(balie, cookie, ticket.id);
    const url = `/api/console/tickets/${ticket.id}/identity/reveal`;
    const noReason = await balie.inject({ method: 'POST', url, headers: { cookie, ...JSON_TYPE }, payload: {} });
    assert.match(assertApiError(noReason, 400, 'bad_request'), /reason/);
    assert.equal((await shownEntries(ticket.id)).length, 0);

    const started = Date.now();
    const response = await balie.inject({
      method: 'POST',
      url,
      headers: { cookie, ...JSON_TYPE },
      payload: { reason: 'Gegevens nodig voor de zaak (zaaknummer in toelichting)', explanation: 'Zaak Z-2024-0815' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { nationalNumber: BSN });
    assert.equal(response.headers['cache-control'], 'no-store');
    const [shown] = await shownEntries(ticket.id);
    assert.equal(shown?.actor, `employee:${await employeeId(balie, cookie)}`);
    assert.equal(
      shown?.reason,
      'reason: "Gegevens nodig voor de zaak (zaaknummer in toelichting)"; explanation: "Zaak Z-2024-0815"',
    );
    assert.ok(shown!.at.getTime() >= started - 5000, 'when');
    assert.equal(logLines.filter((line) => line.includes(BSN)).length, 0, 'no log line holds the BSN');
  });

  it('refuses a reason that is not on the list, and "Anders" without an explanation', async (t) => {
    const balie = app(t);
    const cookie = await signIn(balie);
    const { ticket } = await verifiedTicket(balie);
    await admit(balie, cookie, ticket.id);
    const reveal = (payload: object) =>
      balie.inject({
        method: 'POST',
        url: `/api/console/tickets/${ticket.id}/identity/reveal`,
        headers: { cookie, ...JSON_TYPE },
        payload,
      });
    const unlisted = await reveal({ reason: 'Nieuwsgierig', explanation: 'Even kijken' });
    assert.match(assertApiError(unlisted, 400, 'bad_request'), /reason "Nieuwsgierig" is not one of the config's identity\.revealReasons/);
    const unexplained = await reveal({ reason: 'Anders (licht toe)' });
    assert.match(assertApiError(unexplained, 400, 'bad_request'), /explanation is required/);
    assert.equal((await shownEntries(ticket.id)).length, 0, 'nothing shown, nothing written');

    const explained = await reveal({ reason: 'Anders (licht toe)', explanation: 'Inwoner vraagt om controle' });
    assert.equal(explained.statusCode, 200, explained.body);
    const [shown] = await shownEntries(ticket.id);
    assert.equal(shown?.reason, 'reason: "Anders (licht toe)"; explanation: "Inwoner vraagt om controle"');
  });

  it("offers and accepts the municipality's own reasons instead of the defaults", async (t) => {
    const revealReasons = ['Controle bij rijbewijsaanvraag', 'Anders'];
    const identity = {
      providers: [{ id: 'digid', label: 'Inloggen met DigiD' }],
      returnUrls: ['https://www.voorbeeldstad.nl/'],
      revealReasons,
    };
    const balie = testApp(t, db, { config: { ...testConfig, identity } });
    const offered = (await balie.inject({ url: '/api/config' })).json<BalieConfig>();
    assert.deepEqual(offered.identity?.revealReasons, revealReasons);
    const cookie = await signIn(balie);
    const { ticket } = await verifiedTicket(balie);
    await admit(balie, cookie, ticket.id);
    const reveal = (reason: string) =>
      balie.inject({
        method: 'POST',
        url: `/api/console/tickets/${ticket.id}/identity/reveal`,
        headers: { cookie, ...JSON_TYPE },
        payload: { reason },
      });
    assertApiError(await reveal('Verzoek van de inwoner'), 400, 'bad_request');
    const listed = await reveal('Controle bij rijbewijsaanvraag');
    assert.equal(listed.statusCode, 200, listed.body);
    const [shown] = await shownEntries(ticket.id);
    assert.equal(shown?.reason, 'reason: "Controle bij rijbewijsaanvraag"');
  });

  it("keeps the identity from colleagues who are not in the call, and from citizens", async (t) => {
    const balie = app(t);
    const [fatima, kees] = [await employeeSignsIn(balie, 'Fatima'), await employeeSignsIn(balie, 'Kees')];
    const { ticket, secret } = await verifiedTicket(balie);
    const url = `/api/console/tickets/${ticket.id}/identity`;
    assertApiError(await balie.inject({ url, headers: { cookie: fatima } }), 409, 'not_admitted');
    await admit(balie, fatima, ticket.id);
    assertApiError(await balie.inject({ url, headers: { cookie: kees } }), 403, 'forbidden');
    assertApiError(await balie.inject({ url, headers: bearer(secret) }), 401, 'unauthorized');
    assertApiError(await balie.inject({ url }), 401, 'unauthorized');
  });

  it('saves a note and an outcome from the config, audited without the text', async (t) => {
    const balie = app(t);
    const cookie = await signIn(balie);
    const { ticket } = await takeTicket(balie);
    const url = `/api/console/tickets/${ticket.id}/outcome`;
    assert.deepEqual((await balie.inject({ url, headers: { cookie } })).json(), {});
    const put = (payload: object) =>
      balie.inject({ method: 'PUT', url, headers: { cookie, ...JSON_TYPE }, payload });
    const saved = await put({ outcome: 'vervolg-nodig', note: 'Belt terug met <b>uittreksel</b>' });
    assert.equal(saved.statusCode, 200, saved.body);
    const read = (await balie.inject({ url, headers: { cookie } })).json<TicketOutcomeView>();
    assert.equal(read.outcome, 'vervolg-nodig');
    assert.equal(read.note, 'Belt terug met <b>uittreksel</b>');
    const [entry] = await auditFor(db, `ticket:${ticket.id}`);
    assert.equal(entry?.action, 'note.changed');
    assert.equal(entry?.reason, undefined);

    assert.match(assertApiError(await put({ outcome: 'verzonnen' }), 400, 'outcome_unknown'), /known: afgehandeld, vervolg-nodig, doorverwezen/);
    assert.match(assertApiError(await put({ note: 'x'.repeat(4001) }), 400, 'bad_request'), /note/);
    const unknown = await balie.inject({
      method: 'PUT',
      url: '/api/console/tickets/00000000-0000-4000-8000-000000000000/outcome',
      headers: { cookie, ...JSON_TYPE },
      payload: { outcome: 'afgehandeld' },
    });
    assertApiError(unknown, 404, 'ticket_unknown');
  });

  it('hands a waiting citizen to a colleague, who alone may then admit them', async (t) => {
    const balie = app(t);
    const [fatima, kees] = [await employeeSignsIn(balie, 'Fatima'), await employeeSignsIn(balie, 'Kees')];
    const { ticket } = await takeTicket(balie);
    const colleagues = await balie.inject({ url: '/api/console/colleagues', headers: { cookie: fatima } });
    const keesView = colleagues.json<ColleaguesResponse>().colleagues.find((c) => c.name === 'Kees');
    assert.ok(keesView, colleagues.body);
    assert.equal(colleagues.json<ColleaguesResponse>().colleagues.some((c) => c.name === 'Fatima'), false);

    const handOver = (cookie: string, to: string) =>
      balie.inject({
        method: 'POST',
        url: `/api/console/tickets/${ticket.id}/hand-over`,
        headers: { cookie, ...JSON_TYPE },
        payload: { to },
      });
    assertApiError(await handOver(fatima, 'nobody'), 404, 'colleague_unknown');
    assert.equal((await handOver(fatima, keesView.id)).statusCode, 204);

    const queue = await balie.inject({ url: '/api/console/queue', headers: { cookie: fatima } });
    assert.deepEqual(queue.json<{ entries: QueueEntry[] }>().entries[0]?.assignedTo, { id: keesView.id, name: 'Kees' });
    const refused = await consolePost(balie, fatima, `/api/console/tickets/${ticket.id}/admit`);
    assert.match(assertApiError(refused, 409, 'handed_to_colleague'), /handed over to Kees/);
    await admit(balie, kees, ticket.id);
    const [handed] = (await auditFor(db, `ticket:${ticket.id}`)).filter((e) => e.action === 'ticket.handed-over');
    assert.equal(handed?.actor, `employee:${await employeeId(balie, fatima)}`);
    assertApiError(await handOver(fatima, keesView.id), 403, 'not_your_call');
  });

  it('hands a call over with the right to it: the new colleague alone rejoins, as a new participant (issue 14, #1)', async (t) => {
    const balie = app(t);
    const [fatima, kees] = [await employeeSignsIn(balie, 'Fatima'), await employeeSignsIn(balie, 'Kees')];
    const { ticket } = await takeTicket(balie);
    const { call } = await admit(balie, fatima, ticket.id);
    const tokenUrl = `/api/console/tickets/${ticket.id}/call-token`;
    assertApiError(await consolePost(balie, kees, tokenUrl), 403, 'not_your_call');
    const handOver = (cookie: string, to: string) =>
      balie.inject({
        method: 'POST',
        url: `/api/console/tickets/${ticket.id}/hand-over`,
        headers: { cookie, ...JSON_TYPE },
        payload: { to },
      });
    assertApiError(await handOver(kees, await employeeId(balie, fatima)), 403, 'not_your_call');
    assert.equal((await handOver(fatima, await employeeId(balie, kees))).statusCode, 204);

    assertApiError(await consolePost(balie, fatima, tokenUrl), 403, 'not_your_call');
    const taken = await consolePost(balie, kees, tokenUrl);
    assert.equal(taken.statusCode, 200, taken.body);
    assert.notEqual(taken.json<{ call: { identity: string } }>().call.identity, call.identity, 'one LiveKit identity per person');
    const identity = await balie.inject({ url: `/api/console/tickets/${ticket.id}/identity`, headers: { cookie: kees } });
    assert.equal(identity.statusCode, 200, identity.body);
  });

  const citizenRefused = [
    ['GET', '/api/console/queue'],
    ['GET', '/api/console/events'],
    ['GET', '/api/console/figures'],
    ['GET', '/api/console/figures.csv'],
    ['GET', '/api/console/tickets/:id/identity'],
    ['POST', '/api/console/tickets/:id/identity/reveal'],
    ['GET', '/api/console/tickets/:id/outcome'],
    ['PUT', '/api/console/tickets/:id/outcome'],
    ['POST', '/api/console/tickets/:id/admit'],
    ['POST', '/api/console/tickets/:id/end'],
    ['POST', '/api/console/tickets/:id/guests'],
    ['GET', '/api/console/colleagues'],
    ['POST', '/api/console/tickets/:id/hand-over'],
  ] as const;
  for (const [method, route] of citizenRefused) {
    it(`${method} ${route} refuses an anonymous and a citizen's session`, async (t) => {
      const balie = app(t);
      const { ticket, secret } = await takeTicket(balie);
      const url = route.replace(':id', ticket.id);
      const payload = method === 'GET' ? undefined : {};
      for (const headers of [{}, bearer(secret), { cookie: `__Host-balie_console=${secret}` }]) {
        const response = await balie.inject({ method, url, headers: { ...headers, ...JSON_TYPE }, payload });
        assertApiError(response, 401, 'unauthorized');
      }
    });
  }
});
