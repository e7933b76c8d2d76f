import type { FastifyRequest } from 'fastify';
import { t } from '../../../platform/i18n/index.ts';

export interface PhotoFiles {
  photos: Buffer[];
  photoProblem: string | null;
}

/** Reads a form with photos, multipart or url-encoded. Photo bytes are kept apart from the echoed values. */
export async function readPhotoForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: PhotoFiles }> {
  const files: PhotoFiles = { photos: [], photoProblem: null };
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, files };
  const fields: Record<string, unknown> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.filename && bytes.length > 0) files.photos.push(bytes);
      } else {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') files.photoProblem = t('complaints.error.photoTooLarge');
    else if (code === 'FST_FILES_LIMIT') files.photoProblem = t('complaints.error.tooManyPhotos');
    else throw error;
  }
  return { fields, files };
}
