import type { FastifyRequest } from 'fastify';
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
  const files: DocumentUpload = { document: null, problem: null };
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown>, files };
  const fields: Record<string, unknown> = {};
  for await (const part of request.parts({ limits: { fileSize: MAX_DOCUMENT_BYTES } })) {
    if (part.type === 'file') {
      try {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'document' && part.filename && bytes.length > 0)
          files.document = { filename: part.filename, bytes };
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        files.problem = t('informasi.error.fileTooLarge');
      }
    } else fields[part.fieldname] = part.value;
  }
  return { fields, files };
}
