import sharp from 'sharp';
import heicConvert from 'heic-convert';
import type { DocumentMediaType, DocumentUploadType } from '../../protocol/index.js';
import { ApiError } from '../http/api-error.js';

const plugin = 'balie-documents';

/** The longest side of an image as kept: ample to read a passport or a payslip. */
export const MAX_IMAGE_SIDE = 3000;
/** The longest side of the card's thumbnail. */
export const THUMBNAIL_SIDE = 240;
// A 10 MB PNG can unpack to gigabytes (a decompression bomb); 50 megapixels is a 8K photo and more.
const MAX_INPUT_PIXELS = 50_000_000;

/** A re-encoded image and its thumbnail. */
export interface CleanImage {
  bytes: Buffer;
  mediaType: DocumentMediaType;
  thumbnail: Buffer;
}

/**
 * Decodes the image and encodes it afresh: EXIF (the GPS location, the camera, the time), XMP,
 * ICC profiles and comments do not survive, nor anything hidden after or inside the image data
 * (a polyglot that is also an HTML page or a ZIP). The photo is turned upright first, as the
 * EXIF orientation it loses said. HEIC/HEIF (iPhone photos) becomes JPEG, which anyone can open.
 */
export async function cleanImage(bytes: Buffer, type: DocumentUploadType): Promise<CleanImage> {
  try {
    const decodable = type === 'image/heic' || type === 'image/heif' ? await heicToJpeg(bytes) : bytes;
    const upright = sharp(decodable, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    const mediaType: DocumentMediaType = type === 'image/png' ? 'image/png' : 'image/jpeg';
    const clean = await (mediaType === 'image/png' ? upright.png({ compressionLevel: 9 }) : upright.jpeg({ quality: 85 })).toBuffer();
    const thumbnail = await sharp(clean)
      .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 70 })
      .toBuffer();
    return { bytes: clean, mediaType, thumbnail };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(422, 'document_unreadable', `${plugin}: the image cannot be read (${(error as Error).message.slice(0, 120)}); take the photo again or send another file`);
  }
}

async function heicToJpeg(bytes: Buffer): Promise<Buffer> {
  return Buffer.from(await heicConvert({ buffer: bytes, format: 'JPEG', quality: 0.92 }));
}
