import { httpDocumentsClient, type DocumentsClient } from '../../call/documents/documents-client.js';
import { routeUrl } from '../../protocol/client.js';
import { documentMaxBytes, type BalieConfig } from '../../protocol/index.js';
import { queueEventsRoute } from '../../protocol/routes/console.js';
import { employeeDocumentsRoute, employeeDownloadDocumentRoute, employeeUploadDocumentRoute } from '../../protocol/routes/documents.js';

const clients = new Map<string, DocumentsClient>();

/**
 * The employee's way to one call's documents (issue 15), with their console session (a same-origin
 * cookie). `inCall`: the employee may send; after the call the documents can still be read, until
 * retention removes them. News of a document comes from the employee's queue stream.
 */
export function employeeDocuments(apiBase: string, ticketId: string, config: BalieConfig | undefined, inCall: boolean): DocumentsClient {
  const base = new URL(apiBase, document.baseURI);
  const key = `${base.href} ${ticketId} ${inCall} ${config?.documents?.maxMegabytes ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    const params = { id: ticketId };
    client = httpDocumentsClient({
      maxBytes: documentMaxBytes(config ?? {}),
      canSend: inCall,
      listUrl: routeUrl(base, employeeDocumentsRoute, params),
      uploadUrl: routeUrl(base, employeeUploadDocumentRoute, params),
      downloadUrl: (document) => routeUrl(base, employeeDownloadDocumentRoute, { ...params, document }),
      headers: {},
      credentials: 'same-origin',
      ...(inCall ? { eventsUrl: routeUrl(base, queueEventsRoute) } : {}),
    });
    // A console sees a handful of calls a day; the map never holds more than those.
    clients.set(key, client);
  }
  return client;
}
