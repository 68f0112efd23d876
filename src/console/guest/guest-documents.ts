import { httpDocumentsClient, type DocumentsClient } from '../../call/documents/documents-client.js';
import { routeUrl } from '../../protocol/client.js';
import { documentMaxBytes, type BalieConfig } from '../../protocol/index.js';
import { guestDocumentsRoute, guestDownloadDocumentRoute, guestUploadDocumentRoute } from '../../protocol/routes/documents.js';

/**
 * How often the interpreter's page reads the call's documents again. A guest has no event stream
 * of their own; a polled list also brings the employee's "Tolk mag bestanden sturen" within seconds.
 */
const POLL_MS = 3000;

/**
 * The interpreter's way to the documents of the call (issue 15): their guest secret as a bearer
 * header; they see every card, and may send only while the employee allows it (the server checks
 * that again on every upload).
 */
export function guestDocuments(apiBase: URL, secret: string, config: BalieConfig | undefined): DocumentsClient {
  const client = httpDocumentsClient({
    maxBytes: documentMaxBytes(config ?? {}),
    canSend: 'if-allowed',
    listUrl: routeUrl(apiBase, guestDocumentsRoute),
    uploadUrl: routeUrl(apiBase, guestUploadDocumentRoute),
    downloadUrl: (document) => routeUrl(apiBase, guestDownloadDocumentRoute, { document }),
    headers: { authorization: `Bearer ${secret}` },
  });
  return {
    ...client,
    follow(onNews) {
      const timer = setInterval(onNews, POLL_MS);
      return () => clearInterval(timer);
    },
  };
}
