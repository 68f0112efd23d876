import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { EICAR } from '../../demo/clamd.js';

// Files a citizen's phone or an employee's laptop would send, made here so each test says what
// its file holds.

/** A JPEG photo that carries EXIF with a GPS position (Stadhuis Voorbeeldstad) and a camera. */
export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Telefoonmerk', Model: 'Model 7', Copyright: 'Suzanne Moulin' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 5678/100' },
    })
    .toBuffer();
}

/** Whether a JPEG's EXIF holds a GPS block (the IFD0 entry 0x8825 that points to it). */
export function hasGpsExif(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  // sharp gives the APP1 payload: "Exif\0\0", then a TIFF header.
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** An iPhone-style HEIC photo (64×48), made once with libheif's `heif-enc`. */
export function heicPhoto(): Promise<Buffer> {
  return readFile(new URL('./fixtures/foto.heic', import.meta.url));
}

/** A small, valid one-page PDF; `extra` goes into a comment line (where EICAR hides). */
export function pdf(extra = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = `%PDF-1.4\n%${extra}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PDF carrying the EICAR test signature. */
export function eicarPdf(): Buffer {
  return pdf(EICAR);
}

/** An HTML page, as a `.jpg` would be if someone renamed it. */
export const HTML_PAGE = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
