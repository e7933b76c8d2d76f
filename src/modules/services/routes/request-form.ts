import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../../platform/http/flash.ts';
import { t } from '../../../platform/i18n/index.ts';
import {
  DEFAULT_ATTACHMENT_BYTES,
  type RequestInput,
  type SaveOutcome,
  type UploadedFile,
} from '../service.ts';

/** A request form: the service's own fields (named by its definition), contact details and the action. */
export const RequestForm = Type.Record(Type.String(), Type.String());

export interface RequestUploads {
  files: UploadedFile[];
  uploadProblems: Record<string, string>;
}

/** Reads a request form (multipart with attachments, or url-encoded); an oversized file becomes a field error. */
export async function readRequestForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, unknown>; files: RequestUploads }> {
  const uploads: RequestUploads = { files: [], uploadProblems: {} };
  if (!request.isMultipart())
    return { fields: (request.body ?? {}) as Record<string, unknown>, files: uploads };
  const fields: Record<string, unknown> = {};
  // above the app's 5 MB: a phone photo is 3–6 MB before the server shrinks it
  for await (const part of request.parts({ limits: { fileSize: DEFAULT_ATTACHMENT_BYTES } })) {
    if (part.type === 'file') {
      try {
        const bytes = await part.toBuffer();
        if (part.filename && bytes.length > 0)
          uploads.files.push({
            field: part.fieldname.replace(/^lampiran_/, ''),
            filename: part.filename,
            bytes,
          });
      } catch (error) {
        if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        uploads.uploadProblems[part.fieldname] = t('services.error.fileTooLarge');
      }
    } else fields[part.fieldname] = part.value;
  }
  return { fields, files: uploads };
}

/** What the service needs from a request form. */
export function requestInputOf(values: Record<string, string>, uploads: RequestUploads): RequestInput {
  return {
    values,
    files: uploads.files,
    submit: values.action === 'ajukan',
    contactPhone: values.contactPhone ?? '',
    contactChannel: values.contactChannel ?? 'whatsapp',
  };
}

export function withUploadProblems(
  outcome: SaveOutcome,
  uploadProblems: Record<string, string>,
): SaveOutcome {
  const problems = { ...uploadProblems, ...outcome.problems };
  return { ...outcome, submitted: outcome.submitted && Object.keys(uploadProblems).length === 0, problems };
}

export function flashFor(reply: FastifyReply, outcome: SaveOutcome) {
  setFlash(reply, outcome.submitted ? t('services.flash.submitted') : t('services.flash.saved'));
}
