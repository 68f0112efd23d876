import { boolean, integer, object, optional, type Infer } from './schema.js';

// Documents in the call (issue 15): a citizen sends a photo or a PDF, an employee sends one back.
// The file goes to the balie server, never over the LiveKit data channel; only a notice of it may.

/** The kinds of file a participant may send, decided by the bytes, never by the name. */
export const documentMediaTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'application/pdf'] as const;
export type DocumentUploadType = (typeof documentMediaTypes)[number];

/**
 * What the server keeps and offers: HEIC/HEIF photos are converted to JPEG, so anyone can open
 * them; JPEG and PNG are re-encoded; PDFs are kept as sent, once scanned.
 */
export type DocumentMediaType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** Default largest file, in megabytes (10 MB = 10 × 1024 × 1024 bytes). */
export const DEFAULT_DOCUMENT_MAX_MEGABYTES = 10;

/** The header that carries the file's name on an upload, URI-encoded (`encodeURIComponent`). */
export const DOCUMENT_NAME_HEADER = 'x-balie-document-name';

/** The config's `documents`: what may be sent in the call. */
export const documentsConfigSchema = object({
  /** The largest file a participant may send, in megabytes. Default 10. */
  maxMegabytes: optional(integer(1, 50)),
});
export type DocumentsConfig = Infer<typeof documentsConfigSchema>;

/** The largest upload in bytes, from the config. */
export function documentMaxBytes(config: { documents?: DocumentsConfig }): number {
  return (config.documents?.maxMegabytes ?? DEFAULT_DOCUMENT_MAX_MEGABYTES) * 1024 * 1024;
}

/** Who sent a document: a role, never a name. */
export type DocumentSender = 'citizen' | 'employee' | 'interpreter';

/** A document as every participant sees it: the card in the chat, the console's list. */
export interface DocumentView {
  id: string;
  /** The name as sent, cleaned, with the extension of the type the bytes have. */
  name: string;
  mediaType: DocumentMediaType;
  /** Bytes, as kept (after re-encoding). */
  size: number;
  sender: DocumentSender;
  createdAt: string;
  /** A small JPEG of an image, as a `data:` URL; absent for PDFs. */
  thumbnail?: string;
}

/** The documents of a call, oldest first. */
export interface DocumentListView {
  documents: DocumentView[];
  /** Whether the interpreter in this call may send documents (the employee decides). */
  guestsMaySend: boolean;
}

/** One of the employee's earlier calls whose documents retention has not removed yet. */
export interface EarlierCallDocuments {
  ticketId: string;
  /** The product's name, as the queue shows it. */
  product: string;
  endedAt: string;
  /** How many documents the call still has. */
  documents: number;
  /** When retention removes them (the call's end plus the retention period). */
  removedAt: string;
}

/** The employee's earlier calls with documents, most recent first (the console's "Bestanden"). */
export interface EarlierDocumentsView {
  calls: EarlierCallDocuments[];
}

/** The employee lets the interpreter send documents, or stops it. */
export const documentGuestAccessSchema = object({ allowed: boolean() });
export type DocumentGuestAccess = Infer<typeof documentGuestAccessSchema>;

/**
 * The data-channel notice that a document was added (topic {@link DOCUMENT_NOTICE_TOPIC}): only
 * its id; every participant fetches the card with their own credentials.
 */
export interface DocumentNotice {
  type: 'document';
  id: string;
}

export const DOCUMENT_NOTICE_TOPIC = 'balie-document';

/**
 * A document was added to a call: sent on the citizen's ticket stream and on every employee's
 * queue stream (`ticketId` says whose call). Only a nudge, never a name: each participant reads
 * the call's documents again through their own route and credential.
 */
export interface DocumentAddedEvent {
  type: 'document';
  ticketId: string;
  id: string;
}
