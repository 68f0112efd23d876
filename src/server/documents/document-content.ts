import type { Queryable } from '../store/index.js';

/** A part of a document: the file itself, or its thumbnail. */
export type DocumentPart = 'file' | 'thumbnail';

/**
 * Where encrypted document content lives. It only ever sees ciphertext (document-crypto.ts). The
 * built-in one keeps it in Postgres/PGlite ({@link databaseContent}); an S3-compatible store can
 * take its place later. Retention clears `call_document` rows (their sealed key) by itself; a
 * store outside the database must also delete the content of documents whose `purged_at` is set.
 */
export interface DocumentContentStore {
  put(db: Queryable, documentId: string, part: DocumentPart, sealed: Buffer): Promise<void>;
  /** The sealed bytes, or `undefined` when there are none (purged, or never had that part). */
  get(db: Queryable, documentId: string, part: DocumentPart): Promise<Buffer | undefined>;
}

/**
 * Content in the `call_document_content` table, written in the same transaction as the document's
 * row: a document is never listed without its content. The retention rule `documentContents`
 * deletes it with its document's period.
 */
export const databaseContent: DocumentContentStore = {
  async put(db, documentId, part, sealed) {
    await db.query(`INSERT INTO call_document_content (document_id, part, sealed) VALUES ($1, $2, $3)`, [documentId, part, sealed]);
  },
  async get(db, documentId, part) {
    const { rows } = await db.query<{ sealed: Uint8Array }>(
      `SELECT sealed FROM call_document_content WHERE document_id = $1 AND part = $2`,
      [documentId, part],
    );
    // PGlite answers a bytea as a Uint8Array, pg as a Buffer.
    return rows[0] ? Buffer.from(rows[0].sealed) : undefined;
  },
};
