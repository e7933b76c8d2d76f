import { sniffContentType } from './index.ts';

/** What a phone photo becomes before it is stored: small enough to read, with nothing of the phone in it. */
export interface ShrunkImage {
  bytes: Buffer;
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

export interface ShrinkOptions {
  /** the longer side at most, in pixels (a KTP or a letter stays readable at 2000) */
  longSide?: number;
  /** 1–100 */
  quality?: number;
  format?: 'jpeg' | 'webp';
}

/**
 * Shrinks a JPEG or PNG photo on the server: turned upright by its EXIF orientation, the long side
 * brought down to `longSide` (never enlarged), re-encoded at `quality`, and every piece of
 * metadata dropped (EXIF, GPS position, camera, thumbnails), so a resident's upload does not carry
 * where their house is. Anything else (a PDF, bytes that are no image) answers null: the caller
 * keeps it as it came or refuses it.
 */
export async function shrinkImage(bytes: Buffer, options: ShrinkOptions = {}): Promise<ShrunkImage | null> {
  const type = sniffContentType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') return null;
  const longSide = options.longSide ?? 2000;
  const quality = options.quality ?? 80;
  // loaded here, not at start: most requests never touch an image
  const sharp = (await import('sharp')).default;
  try {
    const pipeline = sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' });
    const encoded =
      options.format === 'webp'
        ? pipeline.webp({ quality })
        : pipeline.jpeg({ quality, mozjpeg: true, chromaSubsampling: '4:2:0' });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      contentType: options.format === 'webp' ? 'image/webp' : 'image/jpeg',
      width: info.width,
      height: info.height,
    };
  } catch {
    // a truncated or corrupt photo: the caller decides (it is kept as it came, or refused)
    return null;
  }
}

/** "IMG_2031.HEIC.png" → "IMG_2031.HEIC.jpg": the name follows the bytes. */
export function renamedFor(name: string, contentType: ShrunkImage['contentType']): string {
  const extension = contentType === 'image/webp' ? '.webp' : '.jpg';
  return /\.[A-Za-z0-9]{1,5}$/.test(name)
    ? name.replace(/\.[A-Za-z0-9]{1,5}$/, extension)
    : `${name}${extension}`;
}
