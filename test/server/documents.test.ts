import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import {
  DOCUMENT_NAME_HEADER,
  type DocumentListView,
  type DocumentView,
  type EarlierDocumentsView,
  type GuestInviteResponse,
  type RedeemGuestLinkResponse,
} from '../../src/protocol/index.js';
import { auditFor } from '../../src/server/audit/audit.js';
import type { BalieServerOptions } from '../../src/server/app.js';
import { purgeExpiredData } from '../../src/server/retention/index.js';
import { startClamd, type Clamd } from '../../demo/clamd.js';
import { admit, assertApiError, bearer, consolePost, JSON_TYPE, readEvents, signIn, takeTicket, testApp, useTestStore, type EventReader } from './helpers.js';
import { eicarPdf, hasGpsExif, heicPhoto, HTML_PAGE, jpegWithGps, pdf } from './document-fixtures.js';

// Issue 15: documents in the call, against a real clamd (its database: the EICAR signature).

describe('documents in the call (issue 15)', () => {
  const db = useTestStore();
  let clamd: Clamd;
  before(async () => {
    clamd = await startClamd();
  });
  after(() => clamd?.dispose());

  /** The app with clamd as its scanner, unless the test says otherwise. */
  function app(t: { after(fn: () => Promise<void>): void }, overrides: Partial<BalieServerOptions> = {}): FastifyInstance {
    return testApp(t, db, { documents: { scanner: { address: clamd.socket, retries: 0 } }, ...overrides });
  }

  /** A citizen in a call with the employee who admitted them. */
  async function inCall(server: FastifyInstance) {
    const cookie = await signIn(server);
    const { ticket, secret } = await takeTicket(server);
    await admit(server, cookie, ticket.id);
    return { ticketId: ticket.id, secret, cookie, console: `/api/console/tickets/${ticket.id}/documents` };
  }

  const upload = (server: FastifyInstance, url: string, headers: Record<string, string>, bytes: Buffer, name: string) =>
    server.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/octet-stream', [DOCUMENT_NAME_HEADER]: encodeURIComponent(name) },
      payload: bytes,
    });
  const citizenSends = (server: FastifyInstance, secret: string, bytes: Buffer, name: string) =>
    upload(server, '/api/tickets/current/documents', bearer(secret), bytes, name);
  const citizenList = async (server: FastifyInstance, secret: string) =>
    (await server.inject({ url: '/api/tickets/current/documents', headers: bearer(secret) })).json<DocumentListView>();

  it('strips the GPS location and every other EXIF field from a photo, and caps its size', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const photo = await jpegWithGps(3600, 1200);
    assert.ok(hasGpsExif((await sharp(photo).metadata()).exif), 'the photo as sent carries a GPS position');

    const sent = await citizenSends(server, call.secret, photo, 'Foto paspoort.JPG');
    assert.equal(sent.statusCode, 201, sent.body);
    const view = sent.json<DocumentView>();
    assert.equal(view.name, 'Foto paspoort.jpg');
    assert.equal(view.mediaType, 'image/jpeg');
    assert.equal(view.sender, 'citizen');
    assert.match(view.thumbnail ?? '', /^data:image\/jpeg;base64,/);

    const download = await server.inject({ url: `${call.console}/${view.id}`, headers: { cookie: call.cookie } });
    assert.equal(download.statusCode, 200, download.body);
    const kept = await sharp(download.rawPayload).metadata();
    assert.equal(kept.exif, undefined, 'no EXIF at all');
    assert.equal(download.rawPayload.includes('Telefoonmerk'), false);
    assert.deepEqual([kept.format, kept.width, kept.height], ['jpeg', 3000, 1000]);
    assert.equal(view.size, download.rawPayload.length);
  });

  it("nudges the citizen's ticket stream and the employees' queue stream when a document is added, naming no file", async (t) => {
    const server = app(t);
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    const call = await inCall(server);
    const citizen = await readEvents(`${base}/api/tickets/current/events`, bearer(call.secret));
    const employee = await readEvents(`${base}/api/console/events`, { cookie: call.cookie });
    t.after(() => {
      citizen.close();
      employee.close();
    });
    const documentEvent = async (events: EventReader) => {
      for (;;) {
        const event = (await events.next(5000)) as { type: string };
        if (event.type === 'document') return event;
      }
    };
    const sent = (await citizenSends(server, call.secret, await jpegWithGps(), 'foto.jpg')).json<DocumentView>();
    const expected = { type: 'document', ticketId: call.ticketId, id: sent.id };
    assert.deepEqual(await documentEvent(citizen), expected);
    assert.deepEqual(await documentEvent(employee), expected);
  });

  it('offers a download only as an attachment of the type its bytes have, sandboxed, and audits both ways', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const sent = (await citizenSends(server, call.secret, await jpegWithGps(), 'foto.jpg')).json<DocumentView>();
    const download = await server.inject({ url: `${call.console}/${sent.id}`, headers: { cookie: call.cookie } });
    assert.equal(download.headers['content-type'], 'image/jpeg');
    assert.equal(download.headers['content-disposition'], `attachment; filename="foto.jpg"; filename*=UTF-8''foto.jpg`);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-security-policy']), /^sandbox;/);
    const actions = (await auditFor(db, `document:${sent.id}`)).map((entry) => `${entry.action} ${entry.actor.split(':')[0]}`);
    assert.deepEqual(actions.sort(), ['document.downloaded employee', 'document.sent citizen']);
  });

  it('keeps the content encrypted at rest, each file with a key of its own', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const file = pdf('Loonstrook november');
    const first = (await citizenSends(server, call.secret, file, 'loonstrook.pdf')).json<DocumentView>();
    const second = (await citizenSends(server, call.secret, file, 'loonstrook.pdf')).json<DocumentView>();
    const { rows } = await db.query<{ sealed: Uint8Array; key: string }>(
      `SELECT c.sealed, d.sealed_key AS key FROM call_document_content c JOIN call_document d ON d.id = c.document_id ORDER BY d.created_at`,
    );
    assert.equal(rows.length, 2);
    for (const row of rows) {
      const stored = Buffer.from(row.sealed);
      assert.equal(stored.includes('Loonstrook'), false);
      assert.equal(stored.includes('%PDF'), false);
    }
    assert.notEqual(rows[0]!.key, rows[1]!.key);
    assert.notDeepEqual(Buffer.from(rows[0]!.sealed), Buffer.from(rows[1]!.sealed));
    const download = await server.inject({ url: `/api/tickets/current/documents/${second.id}`, headers: bearer(call.secret) });
    assert.deepEqual(download.rawPayload, file, 'a clean PDF comes back byte for byte');
    assert.notEqual(first.id, second.id);
  });

  it('converts an iPhone HEIC photo to a JPEG anyone can open', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const sent = await citizenSends(server, call.secret, await heicPhoto(), 'IMG_0042.HEIC');
    assert.equal(sent.statusCode, 201, sent.body);
    const view = sent.json<DocumentView>();
    assert.deepEqual([view.name, view.mediaType], ['IMG_0042.jpg', 'image/jpeg']);
    const download = await server.inject({ url: `${call.console}/${view.id}`, headers: { cookie: call.cookie } });
    const kept = await sharp(download.rawPayload).metadata();
    assert.deepEqual([kept.format, kept.width, kept.height], ['jpeg', 64, 48]);
  });

  it('refuses a PDF with the EICAR test virus, offers nothing and audits the refusal', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const message = assertApiError(await citizenSends(server, call.secret, eicarPdf(), 'aanvraag.pdf'), 422, 'document_infected');
    assert.match(message, /not sent to anyone/);
    assert.deepEqual((await citizenList(server, call.secret)).documents, []);
    const [refusal] = await auditFor(db, `ticket:${call.ticketId}`).then((entries) => entries.filter((e) => e.action === 'document.refused'));
    assert.equal(refusal?.actor, `citizen:${call.ticketId}`);
    assert.match(refusal?.reason ?? '', /^virus: Eicar-Test-Signature/);
  });

  it('refuses an 11 MB file with a message that names the limit', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const big = Buffer.concat([pdf(), Buffer.alloc(11 * 1024 * 1024 - pdf().length, 0x20)]);
    const message = assertApiError(await citizenSends(server, call.secret, big, 'scan.pdf'), 413, 'document_too_large');
    assert.match(message, /at most 10 MB/);
    // The same file streamed without a declared length is stopped at the limit too.
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    const streamed = await fetch(`http://127.0.0.1:${port}/api/tickets/current/documents`, {
      method: 'POST',
      headers: { ...bearer(call.secret), 'content-type': 'application/octet-stream' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, 'document_too_large');
    assert.deepEqual((await citizenList(server, call.secret)).documents, []);
  });

  it('refuses an HTML page named .jpg, and a name with a program in it, saying why', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const html = assertApiError(await citizenSends(server, call.secret, HTML_PAGE, 'vakantiefoto.jpg'), 415, 'document_type');
    assert.match(html, /only JPEG, PNG and HEIC photos and PDF files.*whatever its name says/);
    const exe = assertApiError(await citizenSends(server, call.secret, pdf(), 'factuur.exe.pdf'), 400, 'document_name');
    assert.match(exe, /"\.exe"/);
    assert.deepEqual((await citizenList(server, call.secret)).documents, []);
  });

  it('lets only the participants of that call in: a colleague and another citizen get 403', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const sent = (await citizenSends(server, call.secret, await jpegWithGps(), 'foto.jpg')).json<DocumentView>();
    const colleague = await signIn(server);
    assertApiError(await upload(server, call.console, { cookie: colleague }, pdf(), 'brief.pdf'), 403, 'not_your_call');
    assertApiError(await server.inject({ url: call.console, headers: { cookie: colleague } }), 403, 'not_your_call');
    assertApiError(await server.inject({ url: `${call.console}/${sent.id}`, headers: { cookie: colleague } }), 403, 'not_your_call');

    const other = await takeTicket(server);
    assertApiError(await server.inject({ url: `/api/tickets/current/documents/${sent.id}`, headers: bearer(other.secret) }), 403, 'document_other_call');
    assert.deepEqual((await citizenList(server, other.secret)).documents, []);
    assertApiError(await citizenSends(server, other.secret, pdf(), 'brief.pdf'), 409, 'not_admitted');
    assertApiError(await server.inject({ url: '/api/tickets/current/documents' }), 401, 'unauthorized');
  });

  it('lets the employee send a PDF that the citizen then opens', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const file = pdf('Bevestiging aanvraag');
    const sent = await upload(server, call.console, { cookie: call.cookie }, file, 'bevestiging.pdf');
    assert.equal(sent.statusCode, 201, sent.body);
    const [listed] = (await citizenList(server, call.secret)).documents;
    assert.deepEqual([listed?.name, listed?.sender, listed?.mediaType], ['bevestiging.pdf', 'employee', 'application/pdf']);
    const opened = await server.inject({ url: `/api/tickets/current/documents/${listed!.id}`, headers: bearer(call.secret) });
    assert.equal(opened.headers['content-type'], 'application/pdf');
    assert.deepEqual(opened.rawPayload, file);
  });

  it('lets the interpreter send only when the employee allows it', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const invite = await consolePost(server, call.cookie, `/api/console/tickets/${call.ticketId}/guests`);
    const code = new URL(invite.json<GuestInviteResponse>().inviteUrl).hash.replace('#balie-gast=', '');
    const redeemed = await server.inject({ method: 'POST', url: '/api/guests', headers: JSON_TYPE, payload: { code } });
    const guest = bearer(redeemed.json<RedeemGuestLinkResponse>().secret);
    const guestSends = () => upload(server, '/api/guests/current/documents', guest, pdf(), 'vertaling.pdf');
    assertApiError(await guestSends(), 403, 'forbidden');
    const [waiting] = (await server.inject({ url: `/api/console/tickets/${call.ticketId}/guests`, headers: { cookie: call.cookie } })).json<{ guests: { id: string }[] }>().guests;
    await consolePost(server, call.cookie, `/api/console/tickets/${call.ticketId}/guests/${waiting!.id}/admit`);
    assertApiError(await guestSends(), 403, 'documents_not_allowed');
    const allow = await server.inject({
      method: 'PUT',
      url: `/api/console/tickets/${call.ticketId}/document-guests`,
      headers: { cookie: call.cookie, ...JSON_TYPE },
      payload: { allowed: true },
    });
    assert.equal(allow.statusCode, 204, allow.body);
    const sent = await guestSends();
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json<DocumentView>().sender, 'interpreter');
    const list = (await server.inject({ url: '/api/guests/current/documents', headers: guest })).json<DocumentListView>();
    assert.equal(list.guestsMaySend, true);
    assert.equal(list.documents.length, 1);
  });

  it('says so and offers nothing while clamd is down, and takes the file once it is back', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    await clamd.stop();
    try {
      const message = assertApiError(await citizenSends(server, call.secret, pdf(), 'brief.pdf'), 503, 'scanner_unavailable');
      assert.match(message, /virus scanner does not answer.*not sent/);
      assert.deepEqual((await citizenList(server, call.secret)).documents, []);
    } finally {
      await clamd.start();
    }
    assert.equal((await citizenSends(server, call.secret, pdf(), 'brief.pdf')).statusCode, 201);
  });

  it('refuses PDFs when no scanner is configured, and still takes photos', async (t) => {
    const server = testApp(t, db);
    const call = await inCall(server);
    assertApiError(await citizenSends(server, call.secret, pdf(), 'brief.pdf'), 422, 'document_not_scanned');
    assert.equal((await citizenSends(server, call.secret, await jpegWithGps(), 'foto.jpg')).statusCode, 201);
  });

  it('removes documents a week after the call, and their links answer 410', async (t) => {
    const server = app(t);
    const call = await inCall(server);
    const sent = (await citizenSends(server, call.secret, await jpegWithGps(), 'foto.jpg')).json<DocumentView>();
    await purgeExpiredData(db);
    assert.equal((await citizenList(server, call.secret)).documents.length, 1, 'kept while the call is on');
    assert.equal((await consolePost(server, call.cookie, `/api/console/tickets/${call.ticketId}/end`)).statusCode, 204);
    await db.query(`UPDATE waiting_ticket SET ended_at = now() - interval '6 days' WHERE id = $1`, [call.ticketId]);
    await purgeExpiredData(db);
    const afterCall = await server.inject({ url: call.console, headers: { cookie: call.cookie } });
    assert.equal(afterCall.json<DocumentListView>().documents.length, 1, 'reachable from the console after the call');
    // The console's "Bestanden": this employee's earlier calls with documents, and when they go.
    const earlier = (cookie: string) => server.inject({ url: '/api/console/documents', headers: { cookie } }).then((r) => r.json<EarlierDocumentsView>());
    const [listed, ...more] = (await earlier(call.cookie)).calls;
    assert.deepEqual(more, []);
    assert.deepEqual([listed?.ticketId, listed?.product, listed?.documents], [call.ticketId, 'Paspoort aanvragen', 1]);
    assert.equal(Date.parse(listed!.removedAt) - Date.parse(listed!.endedAt), 7 * 24 * 60 * 60_000, 'removed a week after the call');
    assert.deepEqual((await earlier(await signIn(server))).calls, [], "a colleague does not see this employee's calls");

    await db.query(`UPDATE waiting_ticket SET ended_at = now() - interval '7 days 1 minute' WHERE id = $1`, [call.ticketId]);
    const counts = await purgeExpiredData(db);
    assert.deepEqual([counts.documents, counts.documentContents], [1, 2], "the photo and its thumbnail");
    assertApiError(await server.inject({ url: `${call.console}/${sent.id}`, headers: { cookie: call.cookie } }), 410, 'document_purged');
    assertApiError(await server.inject({ url: `/api/tickets/current/documents/${sent.id}`, headers: bearer(call.secret) }), 410, 'document_purged');
    assert.deepEqual((await server.inject({ url: call.console, headers: { cookie: call.cookie } })).json<DocumentListView>().documents, []);
    assert.deepEqual((await earlier(call.cookie)).calls, [], 'a call whose documents are gone is no longer listed');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM call_document_content`);
    assert.equal(rows[0]!.n, 0);
  });
});
