import { httpDocumentsClient, type DocumentsClient } from '../../call/documents/documents-client.js';
import { routeUrl } from '../../protocol/client.js';
import { documentMaxBytes, type BalieConfig } from '../../protocol/index.js';
import { citizenDocumentsRoute, citizenDownloadDocumentRoute, citizenUploadDocumentRoute } from '../../protocol/routes/documents.js';
import { ticketEventsRoute } from '../../protocol/routes/tickets.js';
import { bearer } from '../api-client.js';

/** One client per ticket secret: the call stage renders often, the documents follow one stream. */
let last: { key: string; client: DocumentsClient } | undefined;

/**
 * The citizen's way to the documents of their call (issue 15): their ticket secret as a bearer
 * header, never in a URL; news of a document from their ticket's event stream.
 */
export function citizenDocuments(apiBase: URL, secret: string, config: BalieConfig | null | undefined): DocumentsClient {
  const key = `${apiBase.href} ${secret} ${config?.documents?.maxMegabytes ?? ''}`;
  if (last?.key === key) return last.client;
  const client = httpDocumentsClient({
    maxBytes: documentMaxBytes(config ?? {}),
    canSend: true,
    listUrl: routeUrl(apiBase, citizenDocumentsRoute),
    uploadUrl: routeUrl(apiBase, citizenUploadDocumentRoute),
    downloadUrl: (document) => routeUrl(apiBase, citizenDownloadDocumentRoute, { document }),
    headers: bearer(secret),
    eventsUrl: routeUrl(apiBase, ticketEventsRoute),
  });
  last = { key, client };
  return client;
}
