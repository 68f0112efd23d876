import {
  DOCUMENT_NAME_HEADER,
  EventStreamRefused,
  isApiErrorBody,
  readEventStream,
  type DocumentListView,
  type DocumentView,
} from '../../protocol/index.js';

/**
 * How `<balie-documents>` reaches the balie server for one participant of one call: the citizen
 * with their ticket secret, the employee with their console session, an interpreter with their
 * guest secret. Files go over HTTP to the balie server, never over the LiveKit data channel.
 */
export interface DocumentsClient {
  /** The largest file, in bytes (the config's `documents.maxMegabytes`). */
  readonly maxBytes: number;
  /**
   * Whether this participant may send: `true` (citizen, employee in the call), `false` (an employee
   * reading a past call's documents), or `'if-allowed'` (the interpreter: only while the employee
   * allows it, which the list's `guestsMaySend` says).
   */
  readonly canSend: boolean | 'if-allowed';
  list(): Promise<DocumentListView>;
  /** Sends `file`'s bytes; `onProgress` gets bytes sent. Rejects with {@link UploadFailed}. */
  upload(file: File, options: { onProgress: (sent: number, total: number) => void; signal: AbortSignal }): Promise<DocumentView>;
  /** The document's bytes, typed as the server typed them. */
  download(id: string): Promise<Blob>;
  /**
   * Calls `onNews` when documents of the call may have been added (a nudge on the server's event
   * stream, or the stream reopened); answers a function that stops following.
   */
  follow?(onNews: () => void): () => void;
}

/**
 * Why an upload did not end with a document: `network` (the connection dropped; worth trying
 * again), `aborted` (the person stopped it), or the server's error code.
 */
export class UploadFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UploadFailed';
  }
}

/** Where one participant's three document routes are, and how they authorise. */
export interface DocumentEndpoints {
  maxBytes: number;
  canSend: DocumentsClient['canSend'];
  listUrl: string;
  uploadUrl: string;
  downloadUrl: (id: string) => string;
  /** `Authorization: Bearer …` for the citizen and the interpreter; nothing for the employee (cookie). */
  headers: Record<string, string>;
  credentials?: RequestCredentials;
  /** The event stream whose `document` events (and reopening) are news. */
  eventsUrl?: string;
}

/** A {@link DocumentsClient} over the balie server's HTTP routes. */
export function httpDocumentsClient(endpoints: DocumentEndpoints): DocumentsClient {
  const { headers, credentials } = endpoints;
  const init = (): RequestInit => ({ headers, cache: 'no-store', ...(credentials ? { credentials } : {}) });
  return {
    maxBytes: endpoints.maxBytes,
    canSend: endpoints.canSend,
    async list() {
      const response = await fetch(endpoints.listUrl, init());
      if (!response.ok) throw new UploadFailed(await errorCode(response), `listing documents answered ${response.status}`);
      return (await response.json()) as DocumentListView;
    },
    upload: (file, options) => uploadWithProgress(endpoints, file, options),
    async download(id) {
      const response = await fetch(endpoints.downloadUrl(id), init());
      if (!response.ok) throw new UploadFailed(await errorCode(response), `downloading a document answered ${response.status}`);
      return response.blob();
    },
    ...(endpoints.eventsUrl ? { follow: (onNews: () => void) => followDocumentNews(endpoints.eventsUrl!, init(), onNews) } : {}),
  };
}

async function errorCode(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => undefined);
  return isApiErrorBody(body) ? body.error.code : 'internal';
}

/** `fetch` cannot report upload progress; `XMLHttpRequest` can. */
function uploadWithProgress(
  endpoints: DocumentEndpoints,
  file: File,
  { onProgress, signal }: { onProgress: (sent: number, total: number) => void; signal: AbortSignal },
): Promise<DocumentView> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', endpoints.uploadUrl);
    request.withCredentials = endpoints.credentials === 'include' || endpoints.credentials === 'same-origin';
    for (const [name, value] of Object.entries(endpoints.headers)) request.setRequestHeader(name, value);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader(DOCUMENT_NAME_HEADER, encodeURIComponent(file.name));
    request.responseType = 'json';
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status === 201) return resolve(body as DocumentView);
      const code = isApiErrorBody(body) ? body.error.code : request.status >= 500 ? 'network' : 'internal';
      reject(new UploadFailed(code, `the upload answered ${request.status}`));
    };
    request.onerror = () => reject(new UploadFailed('network', 'the connection dropped during the upload'));
    request.ontimeout = request.onerror;
    request.onabort = () => reject(new UploadFailed('aborted', 'the upload was stopped'));
    if (signal.aborted) return reject(new UploadFailed('aborted', 'the upload was stopped'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

/** Backoff for reopening the stream: quick at first (a blip), then every few seconds. */
const followDelays = [250, 1000, 2000, 4000];

/**
 * Follows a server-sent event stream (the citizen's ticket stream or the employee's queue stream)
 * for `document` nudges, reopening it after a drop; each opening is news too, as a nudge sent
 * while it was down is lost. A refusal (4xx but 429, too many streams for now) ends the following.
 */
function followDocumentNews(url: string, init: RequestInit, onNews: () => void): () => void {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = (attempt: number) => {
    readEventStream(
      url,
      { ...init, signal: abort.signal },
      (event) => {
        if ((event as { type?: string }).type === 'document') onNews();
      },
      () => {
        attempt = 0;
        onNews();
      },
    ).then(
      () => again(attempt),
      (error: unknown) => {
        // 429: the ticket holds its most streams (one of them perhaps a stream just closed that the
        // server has not seen go yet); worth another try. Any other refusal is final.
        if (error instanceof EventStreamRefused && error.status >= 400 && error.status < 500 && error.status !== 429) return;
        again(attempt);
      },
    );
  };
  const again = (attempt: number) => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => open(attempt + 1), followDelays[Math.min(attempt, followDelays.length - 1)]);
  };
  open(0);
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
