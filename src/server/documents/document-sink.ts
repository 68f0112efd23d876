import type { DocumentView } from '../../protocol/index.js';

/** A checked document as a sink receives it: the clean bytes and what they are. */
export interface CheckedDocument {
  view: DocumentView;
  /** The call it was sent in. */
  ticketId: string;
  /** The clean bytes (re-encoded image, or scanned PDF), decrypted. */
  bytes: Buffer;
}

/**
 * Where a checked document goes besides the call (issue 15). A municipality can hand files to its
 * case system — the ZGW Documenten API, a DMS — by implementing this and passing it to the server
 * (`documents.sink`). `deliver` runs after the document is stored and offered in the call; a sink
 * that fails is logged, and the document stays available for download until retention removes it.
 * The citizen's identity is not given: the sink links the file to a case through the ticket.
 */
export interface DocumentSink {
  /** For logs: `download-only`, `zgw-documenten`, … */
  readonly name: string;
  deliver(document: CheckedDocument): Promise<void>;
}

/**
 * The built-in sink: nothing leaves the balie server. The employee opens or downloads the file
 * from the call or the console and files it themselves.
 */
export const downloadOnlySink: DocumentSink = {
  name: 'download-only',
  async deliver() {
    // Download only: the document is already offered in the call and the console.
  },
};
