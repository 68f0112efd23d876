import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  DOCUMENT_NAME_HEADER,
  documentMaxBytes,
  type BalieConfig,
  type DocumentListView,
  type DocumentSender,
  type DocumentView,
  type EarlierDocumentsView,
} from '../../protocol/index.js';
import {
  citizenDocumentsRoute,
  citizenDownloadDocumentRoute,
  citizenUploadDocumentRoute,
  documentGuestAccessRoute,
  employeeDocumentsRoute,
  employeeDownloadDocumentRoute,
  employeeEarlierDocumentsRoute,
  employeeUploadDocumentRoute,
  guestDocumentsRoute,
  guestDownloadDocumentRoute,
  guestUploadDocumentRoute,
} from '../../protocol/routes/documents.js';
import { recordAudit } from '../audit/audit.js';
import { auditActor, employeeOf } from '../console/console-session.js';
import { findGuestBySecretHash } from '../guests/guest-store.js';
import { ApiError } from '../http/api-error.js';
import { requireUuid } from '../http/params.js';
import { routesFor } from '../http/route.js';
import { readBearerSecret, sha256Hex } from '../http/secrets.js';
import type { Db } from '../store/index.js';
import { authenticateTicket, requireLiveTicket, requireOwnCall } from '../tickets/ticket-auth.js';
import { findTicketById } from '../tickets/ticket-store.js';
import type { VirusScanner } from './clamd-scanner.js';
import { databaseContent, type DocumentContentStore } from './document-content.js';
import type { DocumentCrypto } from './document-crypto.js';
import { checkUpload, InfectedDocument } from './document-intake.js';
import { downloadOnlySink, type DocumentSink } from './document-sink.js';
import {
  findDocument,
  guestsMaySend,
  insertDocument,
  listDocuments,
  listEarlierCallsWithDocuments,
  setGuestsMaySend,
  type DocumentRecord,
} from './document-store.js';
import { productNames } from '../tickets/views.js';
import { nameFromHeader } from './document-type.js';

const plugin = 'balie-documents';

/** Options of {@link documentRoutes}. */
export interface DocumentRoutesOptions {
  db: Db;
  config: BalieConfig;
  crypto: DocumentCrypto;
  /** clamd; without it PDFs are refused (images are re-encoded, which needs no scanner). */
  scanner?: VirusScanner;
  /** Where the encrypted content lives. Default: the database. */
  content?: DocumentContentStore;
  /** Where a checked document goes besides the call. Default: {@link downloadOnlySink}. */
  sink?: DocumentSink;
  /** Days documents are kept after their call (retention's `documentDays`): says when they go. */
  documentDays: number;
  /** Tells the call's other participants that a document was added (the queue hub's nudge). */
  announce?: (added: { ticketId: string; id: string }) => void;
}

/** Who is sending or fetching, and in which call. */
interface Participant {
  ticketId: string;
  sender: DocumentSender;
  /** The audit log's actor. */
  actor: string;
}

/**
 * Documents in the call (issue 15). A participant of the call — the citizen by their ticket
 * secret, the employee whose call it is, an admitted interpreter when the employee allows it —
 * uploads a file's bytes; the server decides its type by those bytes, re-encodes images or scans
 * PDFs, encrypts what passed and only then lists it for the call. Nothing travels over LiveKit.
 */
export const documentRoutes: FastifyPluginAsync<DocumentRoutesOptions> = async (app, options) => {
  const { db, crypto } = options;
  const content = options.content ?? databaseContent;
  const sink = options.sink ?? downloadOnlySink;
  const maxBytes = documentMaxBytes(options.config);
  const route = routesFor(app, plugin);

  // The body is read here, not by Fastify's buffer parser, so a file over the limit is stopped at
  // the first byte too many with a message that says what the limit is. Scoped to this plugin.
  app.addContentTypeParser('application/octet-stream', async (_request: FastifyRequest, payload: AsyncIterable<Buffer>) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(size);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  });
  /** A declared length over the limit is refused before a byte is read. */
  async function refuseTooLarge(request: FastifyRequest): Promise<void> {
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) throw tooLarge(declared);
  }
  function tooLarge(size: number): ApiError {
    return new ApiError(413, 'document_too_large', `${plugin}: the file is ${megabytes(size)} MB or more; at most ${megabytes(maxBytes)} MB can be sent`);
  }

  async function receive(request: FastifyRequest, reply: FastifyReply, who: Participant): Promise<DocumentView> {
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes)) {
      throw new ApiError(415, 'bad_request', `${plugin}: send the file's bytes as Content-Type: application/octet-stream`);
    }
    let checked;
    try {
      checked = await checkUpload(bytes, nameFromHeader(request.headers[DOCUMENT_NAME_HEADER]), options.scanner);
    } catch (error) {
      if (error instanceof InfectedDocument) {
        await recordAudit(db, { actor: who.actor, action: 'document.refused', subject: `ticket:${who.ticketId}`, reason: `virus: ${error.signature}`, requestId: request.id });
      }
      throw error;
    }
    const encrypted = crypto.encrypt({ file: checked.bytes, ...(checked.thumbnail ? { thumbnail: checked.thumbnail } : {}) });
    const record = await db.transaction(async (tx) => {
      const row = await insertDocument(tx, {
        ticketId: who.ticketId,
        sender: who.sender,
        name: checked.name,
        mediaType: checked.mediaType,
        size: checked.bytes.length,
        hasThumbnail: checked.thumbnail !== undefined,
        sealedKey: encrypted.sealedKey,
      });
      for (const [part, sealed] of Object.entries(encrypted.parts)) await content.put(tx, row.id, part as 'file' | 'thumbnail', sealed);
      await recordAudit(tx, { actor: who.actor, action: 'document.sent', subject: `document:${row.id}`, reason: `ticket:${who.ticketId}`, requestId: request.id });
      return row;
    });
    const view = toView(record, checked.thumbnail);
    options.announce?.({ ticketId: who.ticketId, id: record.id });
    sink.deliver({ view, ticketId: who.ticketId, bytes: checked.bytes }).catch((error: unknown) => {
      request.log.error({ err: error, document: record.id }, `${plugin}: the document sink "${sink.name}" failed; the document stays available for download`);
    });
    reply.code(201);
    return view;
  }

  async function list(who: Participant): Promise<DocumentListView> {
    const records = await listDocuments(db, who.ticketId);
    const documents = await Promise.all(records.map(async (record) => toView(record, await thumbnailOf(record))));
    return { documents, guestsMaySend: await guestsMaySend(db, who.ticketId) };
  }

  async function thumbnailOf(record: DocumentRecord): Promise<Buffer | undefined> {
    if (!record.hasThumbnail || !record.sealedKey) return undefined;
    const sealed = await content.get(db, record.id, 'thumbnail');
    return sealed && crypto.decrypt(record.sealedKey, sealed);
  }

  async function download(request: FastifyRequest<{ Params: { document: string } }>, reply: FastifyReply, who: Participant) {
    const id = requireUuid(request.params.document, plugin, 'a document id');
    const record = await findDocument(db, id);
    if (!record) throw new ApiError(404, 'document_unknown', `${plugin}: no such document`);
    if (record.ticketId !== who.ticketId) throw new ApiError(403, 'document_other_call', `${plugin}: this document belongs to another call`);
    const sealed = record.sealedKey && !record.purgedAt ? await content.get(db, record.id, 'file') : undefined;
    if (!sealed || !record.sealedKey) {
      throw new ApiError(410, 'document_purged', `${plugin}: this document was removed, as every document is some days after its call`);
    }
    const bytes = crypto.decrypt(record.sealedKey, sealed);
    await recordAudit(db, { actor: who.actor, action: 'document.downloaded', subject: `document:${record.id}`, reason: `ticket:${record.ticketId}`, requestId: request.id });
    return reply
      .type(record.mediaType)
      .header('content-disposition', attachment(record.name ?? 'document'))
      .header('x-content-type-options', 'nosniff')
      // Opened directly after all, the file runs no script and reaches nothing: a PDF viewer or an
      // image in a sandbox with no origin.
      .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .send(bytes);
  }

  // The citizen, by their ticket secret.
  async function citizen(request: FastifyRequest): Promise<Participant> {
    const ticket = await authenticateTicket(db, request);
    return { ticketId: ticket.id, sender: 'citizen', actor: `citizen:${ticket.id}` };
  }
  async function citizenInCall(request: FastifyRequest): Promise<Participant> {
    const ticket = requireLiveTicket(await authenticateTicket(db, request), plugin);
    if (ticket.state !== 'admitted') throw new ApiError(409, 'not_admitted', `${plugin}: files can be sent once the call has started`);
    return { ticketId: ticket.id, sender: 'citizen', actor: `citizen:${ticket.id}` };
  }
  route(citizenUploadDocumentRoute, { onRequest: refuseTooLarge }, async (request, reply) => receive(request, reply, await citizenInCall(request)));
  route(citizenDocumentsRoute, async (request) => list(await citizen(request)));
  route(citizenDownloadDocumentRoute, async (request, reply) => download(request, reply, await citizen(request)));

  // The employee whose call it is: in the call, and after it until retention.
  async function employee(request: FastifyRequest<{ Params: { id: string } }>, live: boolean): Promise<Participant> {
    const found = await findTicketById(db, requireUuid(request.params.id, plugin, 'a ticket id'));
    if (!found) throw new ApiError(404, 'ticket_unknown', `${plugin}: no such ticket`);
    const who = employeeOf(request);
    const ticket = requireOwnCall(live ? requireLiveTicket(found, plugin) : found, who.id, plugin);
    if (live && ticket.state !== 'admitted') throw new ApiError(409, 'not_admitted', `${plugin}: files can be sent once the call has started`);
    return { ticketId: ticket.id, sender: 'employee', actor: auditActor(who) };
  }
  route(employeeUploadDocumentRoute, { onRequest: refuseTooLarge }, async (request, reply) => receive(request, reply, await employee(request, true)));
  route(employeeDocumentsRoute, async (request) => list(await employee(request, false)));
  route(employeeDownloadDocumentRoute, async (request, reply) => download(request, reply, await employee(request, false)));
  const names = productNames(options.config);
  route(employeeEarlierDocumentsRoute, async (request): Promise<EarlierDocumentsView> => {
    const rows = await listEarlierCallsWithDocuments(db, employeeOf(request).id);
    const keptMs = options.documentDays * 24 * 60 * 60_000;
    return {
      calls: rows.map((row) => ({
        ticketId: row.ticketId,
        product: names.get(row.product) ?? row.product,
        endedAt: row.endedAt.toISOString(),
        documents: row.documents,
        removedAt: new Date(row.endedAt.getTime() + keptMs).toISOString(),
      })),
    };
  });
  route(documentGuestAccessRoute, async (request, reply) => {
    const who = await employee(request, true);
    await setGuestsMaySend(db, who.ticketId, request.body.allowed);
    return reply.code(204).send();
  });

  // An admitted guest (interpreter), while the call is on.
  async function guest(request: FastifyRequest): Promise<Participant> {
    const secret = readBearerSecret(request.headers.authorization);
    if (!secret) throw new ApiError(401, 'unauthorized', `${plugin}: send "Authorization: Bearer <guest secret>"`);
    const found = await findGuestBySecretHash(db, sha256Hex(secret));
    if (!found) throw new ApiError(404, 'guest_link_unknown', `${plugin}: no guest has this secret`);
    if (found.state !== 'admitted' || found.ticketState !== 'admitted') {
      throw new ApiError(403, 'forbidden', `${plugin}: only a guest who is in the call can see or send its documents`);
    }
    return { ticketId: found.ticketId, sender: 'interpreter', actor: `guest:${found.id}` };
  }
  route(guestUploadDocumentRoute, { onRequest: refuseTooLarge }, async (request, reply) => {
    const who = await guest(request);
    if (!(await guestsMaySend(db, who.ticketId))) {
      throw new ApiError(403, 'documents_not_allowed', `${plugin}: the employee has not allowed the interpreter to send files in this call`);
    }
    return receive(request, reply, who);
  });
  route(guestDocumentsRoute, async (request) => list(await guest(request)));
  route(guestDownloadDocumentRoute, async (request, reply) => download(request, reply, await guest(request)));
};

function toView(record: DocumentRecord, thumbnail: Buffer | undefined): DocumentView {
  return {
    id: record.id,
    name: record.name ?? 'document',
    mediaType: record.mediaType,
    size: record.size,
    sender: record.sender,
    createdAt: record.createdAt.toISOString(),
    ...(thumbnail ? { thumbnail: `data:image/jpeg;base64,${thumbnail.toString('base64')}` } : {}),
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

/** `attachment` with an ASCII fallback name and the exact one in RFC 5987 form. */
function attachment(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
