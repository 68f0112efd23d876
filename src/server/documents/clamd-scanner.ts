import { connect, type Socket } from 'node:net';

/** What the scanner said about a file. */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** A virus scanner; {@link clamdScanner} is the one we ship. */
export interface VirusScanner {
  /** Scans the bytes; rejects with {@link ScannerUnavailable} when the scanner cannot answer. */
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

/** The scanner is down, refused the file or took too long: nothing may be offered. */
export class ScannerUnavailable extends Error {
  override name = 'ScannerUnavailable';
}

/** Where clamd listens: a Unix socket's path, or `tcp://host:port`. */
export interface ClamdOptions {
  address: string;
  /** The whole scan, connect to verdict. Default 30 s. */
  timeoutMs?: number;
  /** Further tries after a failed connection, 300 ms apart. Default 2. */
  retries?: number;
}

// clamd's INSTREAM takes chunks of at most StreamMaxLength in total; 64 KiB chunks keep memory flat.
const CHUNK = 64 * 1024;

/**
 * Scans with clamd over its socket (ClamAV's INSTREAM protocol: `zINSTREAM\0`, then chunks each
 * prefixed with their length as a 4-byte big-endian number, then a zero length; the answer is
 * `stream: OK` or `stream: <signature> FOUND`, NUL-terminated). No temporary file, so clamd needs
 * no access to ours. A refused connection is tried again briefly (clamd reloading its database
 * after freshclam), then it is {@link ScannerUnavailable}.
 */
export function clamdScanner(options: ClamdOptions): VirusScanner {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  return {
    async scan(bytes) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await scanOnce(options.address, bytes, timeoutMs);
        } catch (error) {
          if (!(error instanceof ScannerUnavailable) || attempt >= retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    },
  };
}

function openSocket(address: string): Socket {
  if (address.startsWith('tcp://')) {
    const url = new URL(address);
    return connect({ host: url.hostname, port: Number(url.port || 3310) });
  }
  return connect({ path: address });
}

function scanOnce(address: string, bytes: Buffer, timeoutMs: number): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket = openSocket(address);
    const answer: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | undefined, verdict?: ScanVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(verdict!);
    };
    const timer = setTimeout(() => finish(new ScannerUnavailable(`clamd at ${address} did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error) => finish(new ScannerUnavailable(`clamd at ${address}: ${error.message}`)));
    socket.on('data', (chunk: Buffer) => answer.push(chunk));
    socket.on('end', () => {
      const text = Buffer.concat(answer).toString('utf8').replace(/\0/g, '').trim();
      finish(...parseAnswer(text, address));
    });
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < bytes.length; at += CHUNK) {
        const chunk = bytes.subarray(at, at + CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4));
    });
  });
}

function parseAnswer(text: string, address: string): [Error | undefined, ScanVerdict?] {
  if (/^stream: OK$/.test(text)) return [undefined, { clean: true }];
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return [undefined, { clean: false, signature: found[1]! }];
  // `INSTREAM size limit exceeded. ERROR`, `… ERROR`, or nothing: no verdict is no clean bill.
  return [new ScannerUnavailable(`clamd at ${address} gave no verdict: ${text.slice(0, 200) || '(nothing)'}`)];
}
