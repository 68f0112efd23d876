import type { DocumentMediaType, DocumentUploadType } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';
import { ScannerUnavailable, type VirusScanner } from './clamd-scanner.js';
import { documentName, sniffDocumentType } from './document-type.js';
import { cleanImage } from './image-cleaning.js';

const plugin = 'balie-documents';

/** A file that passed every check, ready to be encrypted and offered. */
export interface CheckedFile {
  name: string;
  mediaType: DocumentMediaType;
  bytes: Buffer;
  thumbnail?: Buffer;
}

/** A refusal the audit log must hold (a virus), beside the error the sender gets. */
export class InfectedDocument extends ApiError {
  constructor(readonly signature: string) {
    super(422, 'document_infected', `${plugin}: the virus scanner refused this file; it was not sent to anyone`);
  }
}

const KEPT_AS: Record<DocumentUploadType, DocumentMediaType> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/heic': 'image/jpeg',
  'image/heif': 'image/jpeg',
  'application/pdf': 'application/pdf',
};

/**
 * Every check of an upload, in order of cost: the type by the bytes, the name, then the image
 * re-encoded or the PDF scanned. Throws the {@link ApiError} the sender can act on; only what
 * it returns is ever stored. A PDF is never kept unscanned: without a scanner it is refused.
 */
export async function checkUpload(bytes: Buffer, givenName: string | undefined, scanner: VirusScanner | undefined): Promise<CheckedFile> {
  const type = await sniffDocumentType(bytes);
  const name = documentName(givenName, KEPT_AS[type]);
  if (type !== 'application/pdf') return { name, ...(await cleanImage(bytes, type)) };
  if (!scanner) {
    throw new ApiError(422, 'document_not_scanned', `${plugin}: PDF files need a virus scanner and this server has none (BALIE_CLAMD); send a photo instead`);
  }
  const verdict = await scanner.scan(bytes).catch((error: unknown) => {
    if (error instanceof ScannerUnavailable) {
      throw new ApiError(503, 'scanner_unavailable', `${plugin}: the virus scanner does not answer, so the file was not sent; try again in a moment`);
    }
    throw error;
  });
  if (!verdict.clean) throw new InfectedDocument(verdict.signature);
  return { name, mediaType: 'application/pdf', bytes };
}
