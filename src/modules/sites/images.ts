import type { Ctx } from '../../platform/context.ts';
import { saveFile } from '../../platform/files/index.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SiteImageVariant } from './schema.ts';
import './messages.ts';

export const IMAGE_WIDTHS = [320, 640, 1280] as const;
const FORMATS = ['avif', 'webp', 'jpeg'] as const;
// 40 megapixels is more than any camera photo an office takes; more is a decompression bomb
const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);

export interface ProcessedImage {
  width: number;
  height: number;
  variants: Array<Omit<SiteImageVariant, 'fileId'> & { bytes: Buffer }>;
}

/**
 * Checks that the bytes are a picture by what sharp reads in them (never the name or the browser's
 * word), turns it upright, and writes it at 320/640/1280 px wide (never wider than it came) as AVIF,
 * WebP and JPEG. sharp copies no metadata unless asked, so EXIF, GPS and camera details are gone.
 */
export async function processSiteImage(bytes: Buffer, field = 'image'): Promise<ProcessedImage> {
  const sharp = (await import('sharp')).default;
  let meta: { format?: string; width?: number; height?: number };
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new Invalid({ [field]: t('sites.error.notImage') });
  }
  if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height)
    throw new Invalid({ [field]: t('sites.error.notImage') });
  try {
    const upright = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toBuffer({ resolveWithObject: true });
    const original = upright.info.width;
    const widths = [...new Set(IMAGE_WIDTHS.map((w) => Math.min(w, original)))];
    const variants: ProcessedImage['variants'] = [];
    for (const width of widths) {
      const resized = sharp(upright.data).resize({ width, withoutEnlargement: true });
      for (const format of FORMATS) {
        const encoded =
          format === 'avif'
            ? resized.clone().avif({ quality: 55, effort: 2 })
            : format === 'webp'
              ? resized.clone().webp({ quality: 75 })
              : resized.clone().jpeg({ quality: 78, mozjpeg: true });
        const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
        variants.push({ format, width: info.width, height: info.height, bytes: data });
      }
    }
    const largest = variants[variants.length - 1]!;
    return { width: largest.width, height: largest.height, variants };
  } catch (error) {
    if (error instanceof Invalid) throw error;
    throw new Invalid({ [field]: t('sites.error.unreadableImage') });
  }
}

const CONTENT_TYPES = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;

export function contentTypeOf(format: SiteImageVariant['format']): string {
  return CONTENT_TYPES[format];
}

/** Stores each variant in the platform's file store. */
export async function storeVariants(
  ctx: Ctx,
  villageCode: string,
  processed: ProcessedImage,
): Promise<SiteImageVariant[]> {
  const stored: SiteImageVariant[] = [];
  for (const v of processed.variants) {
    const file = await saveFile(ctx, {
      bytes: v.bytes,
      contentType: CONTENT_TYPES[v.format],
      name: `situs-${v.width}.${v.format === 'jpeg' ? 'jpg' : v.format}`,
      villageCode,
    });
    stored.push({ format: v.format, width: v.width, height: v.height, fileId: file.id });
  }
  return stored;
}

export const EXTENSIONS = { avif: 'avif', webp: 'webp', jpeg: 'jpg' } as const;

/** `/desa/{code}/gambar/{id}/{width}.{ext}`: an address that never changes meaning (served immutable). */
export function variantUrl(
  villageCode: string,
  imageId: string,
  width: number,
  format: SiteImageVariant['format'],
) {
  return `/desa/${villageCode}/gambar/${imageId}/${width}.${EXTENSIONS[format]}`;
}

export function srcsetOf(
  villageCode: string,
  image: { id: string; variants: SiteImageVariant[] },
  format: SiteImageVariant['format'],
): string {
  return image.variants
    .filter((v) => v.format === format)
    .map((v) => `${variantUrl(villageCode, image.id, v.width, format)} ${v.width}w`)
    .join(', ');
}
