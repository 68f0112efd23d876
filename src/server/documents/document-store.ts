import type { DocumentMediaType, DocumentSender } from '../../protocol/index.js';
import type { Queryable } from '../store/index.js';

/** A document's row: what it is, not what it holds. */
export interface DocumentRecord {
  id: string;
  ticketId: string;
  sender: DocumentSender;
  /** `null` once purged. */
  name: string | null;
  mediaType: DocumentMediaType;
  size: number;
  hasThumbnail: boolean;
  /** `null` once purged. */
  sealedKey: string | null;
  createdAt: Date;
  purgedAt: Date | null;
}

const COLUMNS = `id, ticket_id AS "ticketId", sender, name, media_type AS "mediaType", size_bytes AS size,
  has_thumbnail AS "hasThumbnail", sealed_key AS "sealedKey", created_at AS "createdAt", purged_at AS "purgedAt"`;

export type NewDocument = Pick<DocumentRecord, 'ticketId' | 'sender' | 'name' | 'mediaType' | 'size' | 'hasThumbnail' | 'sealedKey'>;

export async function insertDocument(db: Queryable, d: NewDocument): Promise<DocumentRecord> {
  const { rows } = await db.query<DocumentRecord>(
    `INSERT INTO call_document (ticket_id, sender, name, media_type, size_bytes, has_thumbnail, sealed_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [d.ticketId, d.sender, d.name, d.mediaType, d.size, d.hasThumbnail, d.sealedKey],
  );
  return rows[0]!;
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRecord | undefined> {
  const { rows } = await db.query<DocumentRecord>(`SELECT ${COLUMNS} FROM call_document WHERE id = $1`, [id]);
  return rows[0];
}

/** The call's documents that retention has not removed, oldest first. */
export async function listDocuments(db: Queryable, ticketId: string): Promise<DocumentRecord[]> {
  const { rows } = await db.query<DocumentRecord>(
    `SELECT ${COLUMNS} FROM call_document WHERE ticket_id = $1 AND purged_at IS NULL ORDER BY created_at, id`,
    [ticketId],
  );
  return rows;
}

export async function guestsMaySend(db: Queryable, ticketId: string): Promise<boolean> {
  const { rows } = await db.query<{ allowed: boolean }>(`SELECT guests_send_documents AS allowed FROM waiting_ticket WHERE id = $1`, [ticketId]);
  return rows[0]?.allowed ?? false;
}

export async function setGuestsMaySend(db: Queryable, ticketId: string, allowed: boolean): Promise<void> {
  await db.query(`UPDATE waiting_ticket SET guests_send_documents = $2 WHERE id = $1`, [ticketId, allowed]);
}

/** A call of the employee's with documents retention has not removed: see {@link listEarlierCallsWithDocuments}. */
export interface EarlierCallRow {
  ticketId: string;
  product: string;
  endedAt: Date;
  documents: number;
}

/**
 * The ended calls that are `employeeId`'s (admitted or handed over to them) and still have
 * documents, the most recent first; at most `limit`.
 */
export async function listEarlierCallsWithDocuments(db: Queryable, employeeId: string, limit = 50): Promise<EarlierCallRow[]> {
  const { rows } = await db.query<EarlierCallRow>(
    `SELECT t.id AS "ticketId", t.product, t.ended_at AS "endedAt", count(*)::int AS documents
       FROM call_document d JOIN waiting_ticket t ON t.id = d.ticket_id
      WHERE t.admitted_by = $1 AND t.ended_at IS NOT NULL AND d.purged_at IS NULL
      GROUP BY t.id, t.product, t.ended_at
      ORDER BY t.ended_at DESC, t.id
      LIMIT $2`,
    [employeeId, limit],
  );
  return rows;
}
