import type { FastifyRequest } from 'fastify';
import { readBufferedForm } from '../../../platform/http/upload.ts';
import { t } from '../../../platform/i18n/index.ts';
import { MAX_DOCUMENT_BYTES } from '../documents.ts';
import type { UploadedDocument } from '../service.ts';

export interface DocumentUpload {
  document: UploadedDocument | null;
  problem: string | null;
}

/** Reads a form with one optional document (multipart, or url-encoded without one). */
export async function readDocumentForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: DocumentUpload }> {
  const form = await readBufferedForm(request, { fileSize: MAX_DOCUMENT_BYTES });
  const document = form.files.find((file) => file.field === 'document') ?? null;
  const problem = form.tooLarge.length > 0 ? t('informasi.error.fileTooLarge') : null;
  return { fields: form.fields, files: { document, problem } };
}
