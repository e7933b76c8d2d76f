import type { FastifyRequest } from 'fastify';
import { readBufferedForm } from '../../../platform/http/upload.ts';
import { t } from '../../../platform/i18n/index.ts';

export interface PhotoFiles {
  photos: Buffer[];
  photoProblem: string | null;
}

/** Reads a form with photos, multipart or url-encoded. Photo bytes are kept apart from the echoed values. */
export async function readPhotoForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: PhotoFiles }> {
  const form = await readBufferedForm(request);
  let photoProblem: string | null = null;
  if (form.tooLarge.length > 0) photoProblem = t('complaints.error.photoTooLarge');
  else if (form.tooMany) photoProblem = t('complaints.error.tooManyPhotos');
  return { fields: form.fields, files: { photos: form.files.map((file) => file.bytes), photoProblem } };
}
