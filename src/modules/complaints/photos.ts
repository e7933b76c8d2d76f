export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 5;
const MAX_EDGE = 1600;
const THUMB_EDGE = 400;
// a 40-megapixel decode is the most a phone photo needs; more is a decompression bomb
const MAX_INPUT_PIXELS = 40_000_000;

type PhotoKind = 'jpeg' | 'png' | 'webp';

/** The type by the file's first bytes, never by its name or the browser's claim. */
export function sniffImage(bytes: Buffer): PhotoKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

export class PhotoRejected extends Error {}

export interface ProcessedPhoto {
  bytes: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg';
}

/**
 * Checks, turns upright, shrinks and re-encodes a photo as JPEG. sharp writes no metadata unless
 * asked, so EXIF (GPS position, camera serial, time) and XMP/IPTC do not survive: an "anonymous"
 * report must not be traced back through its photo.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw new PhotoRejected('Berkas foto kosong.');
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoRejected('Foto lebih dari 5 MB.');
  if (!sniffImage(bytes)) throw new PhotoRejected('Berkas bukan foto JPEG, PNG, atau WebP.');
  // sharp (libvips) takes a third of a second to load: only a process that handles a photo pays it
  const sharp = await import('sharp').then((module) => module.default);
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    const { data, info } = await image
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
    return { bytes: data, thumbnail, width: info.width, height: info.height, contentType: 'image/jpeg' };
  } catch (error) {
    if (error instanceof PhotoRejected) throw error;
    throw new PhotoRejected('Foto tidak dapat dibaca (rusak atau terlalu besar).');
  }
}
