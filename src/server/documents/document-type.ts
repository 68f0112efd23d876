import { fileTypeFromBuffer } from 'file-type';
import type { DocumentUploadType } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';

const plugin = 'balie-documents';

const ACCEPTED: Record<string, DocumentUploadType> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/heic': 'image/heic',
  'image/heif': 'image/heif',
  'application/pdf': 'application/pdf',
};

/**
 * The file's type, from its bytes alone (file-type reads the magic numbers): the name and the
 * request's `Content-Type` are the sender's claims, and an HTML page named `foto.jpg` is still
 * HTML. Anything but a JPEG, PNG, HEIC/HEIF photo or PDF is refused with a 415 that says so.
 */
export async function sniffDocumentType(bytes: Buffer): Promise<DocumentUploadType> {
  if (bytes.length === 0) throw new ApiError(400, 'document_name', `${plugin}: the file is empty`);
  const found = await fileTypeFromBuffer(bytes);
  const accepted = found && ACCEPTED[found.mime];
  if (!accepted) {
    const what = found ? `a ${found.mime} file` : 'no photo or PDF (text, HTML or an unknown format)';
    throw new ApiError(415, 'document_type', `${plugin}: only JPEG, PNG and HEIC photos and PDF files can be sent; by its content this is ${what}, whatever its name says`);
  }
  return accepted;
}

// Extensions a browser or an operating system would run, open as a program or as a page: a
// name that carries one anywhere (`brief.pdf.exe`, `foto.exe.jpg`) is someone trying something.
const RISKY_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'cpl', 'dll', 'jar', 'js', 'jse', 'mjs', 'vbs', 'vbe',
  'wsf', 'wsh', 'ps1', 'psm1', 'sh', 'bash', 'app', 'apk', 'dmg', 'pkg', 'deb', 'rpm', 'lnk', 'hta', 'html', 'htm',
  'xhtml', 'svg', 'php', 'py', 'pl', 'rb', 'reg', 'iso', 'img', 'vhd', 'appx', 'msix', 'url', 'desktop',
]);

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/**
 * The name a document is offered under: the sender's name without paths, control characters or
 * quotes, at most 120 characters, ending in the extension of the type its bytes have (a
 * converted HEIC photo becomes `….jpg`). A name with a program's extension in it is refused.
 */
export function documentName(given: string | undefined, mediaType: string): string {
  const base = (given ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?;`$]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const parts = base.toLowerCase().split('.');
  const risky = parts.slice(1).find((part) => RISKY_EXTENSIONS.has(part.trim()));
  if (risky) {
    throw new ApiError(400, 'document_name', `${plugin}: the name "${base.slice(0, 80)}" carries ".${risky}", the extension of a program or page; rename the file and send it again`);
  }
  const stem = base.replace(/\.(jpe?g|png|heic|heif|pdf)$/i, '').slice(0, 110) || 'document';
  return `${stem}.${EXTENSION[mediaType] ?? 'bin'}`;
}

/** The name from the upload header: URI-encoded, so any language's characters survive HTTP. */
export function nameFromHeader(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw).slice(0, 500);
  } catch {
    return raw.slice(0, 500); // not URI-encoded after all: cleaned like any other name
  }
}
