/**
 * What the browser checks before a byte is sent (issue 15): a first, friendly answer. The server
 * decides again by the bytes; this only spares a person a long upload that cannot succeed.
 */

/** Extensions of the files that may be sent; a phone's HEIC photo often has no MIME type at all. */
const allowedExtensions = ['jpg', 'jpeg', 'png', 'heic', 'heif', 'pdf'];
const allowedTypes = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'application/pdf'];

/** The `accept` of the file picker: types and extensions, for browsers that know either. */
export const documentAccept = [...allowedTypes, ...allowedExtensions.map((e) => `.${e}`)].join(',');

/** Why a file cannot be sent, or `undefined` when it may be tried. */
export function refuseFile(file: { name: string; type: string; size: number }, maxBytes: number): 'type' | 'size' | undefined {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!allowedTypes.includes(file.type.toLowerCase()) && !allowedExtensions.includes(extension)) return 'type';
  if (file.size > maxBytes) return 'size';
  return undefined;
}

/** A size as a person reads it: `850 kB`, `3,2 MB` (in the language's number format). */
export function formatSize(bytes: number, lang: string): string {
  const format = (n: number, digits: number) => new Intl.NumberFormat(lang || 'nl', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024 * 1024) return `${format(Math.max(1, Math.round(bytes / 1024)), 0)} kB`;
  return `${format(bytes / 1024 / 1024, 1)} MB`;
}
