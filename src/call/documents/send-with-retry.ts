import type { DocumentView } from '../../protocol/index.js';
import { UploadFailed, type DocumentsClient } from './documents-client.js';

/** Waits before sending again after the connection dropped; the last is repeated. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];
/** After this long without getting the file through, the person is asked to try again themselves. */
export const RETRY_GIVE_UP_MS = 120_000;

/** What {@link sendWithRetry} reports while it works. */
export interface SendProgress {
  /** `sending`: bytes are going; `retrying`: the connection dropped, waiting to send again; `checking`: all bytes sent, the server checks them. */
  phase: 'sending' | 'retrying' | 'checking';
  sent: number;
  total: number;
}

/**
 * Sends `file`, and after a dropped connection sends it again — once the browser is online, with
 * a growing pause — until it gets through, the server refuses it, `signal` stops it, or
 * {@link RETRY_GIVE_UP_MS} passed. A refusal by the server (wrong type, too large, a virus) is not
 * tried again: the same bytes would be refused again. Rejects with {@link UploadFailed}.
 */
export async function sendWithRetry(
  client: DocumentsClient,
  file: File,
  signal: AbortSignal,
  report: (progress: SendProgress) => void,
): Promise<DocumentView> {
  const giveUpAt = Date.now() + RETRY_GIVE_UP_MS;
  for (let attempt = 0; ; attempt += 1) {
    report({ phase: 'sending', sent: 0, total: file.size });
    try {
      return await client.upload(file, {
        signal,
        onProgress: (sent, total) => report({ phase: sent >= total ? 'checking' : 'sending', sent, total }),
      });
    } catch (error) {
      const retryable = error instanceof UploadFailed && error.code === 'network';
      if (!retryable || signal.aborted || Date.now() >= giveUpAt) throw signal.aborted ? new UploadFailed('aborted', 'the upload was stopped') : error;
    }
    report({ phase: 'retrying', sent: 0, total: file.size });
    await pause(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)], signal);
  }
}

/** Waits `ms`, and then until the browser is online; ends early when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', whenOnline);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const whenOnline = () => done();
    const timer = setTimeout(() => (navigator.onLine ? done() : window.addEventListener('online', whenOnline)), ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
