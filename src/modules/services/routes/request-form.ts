import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../../platform/http/flash.ts';
import { readBufferedForm } from '../../../platform/http/upload.ts';
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
  // above the app's 5 MB: a phone photo is 3–6 MB before the server shrinks it
  const form = await readBufferedForm(request, { fileSize: DEFAULT_ATTACHMENT_BYTES });
  const files = form.files.map((file) => ({ ...file, field: file.field.replace(/^lampiran_/, '') }));
  const uploadProblems = Object.fromEntries(
    form.tooLarge.map((field) => [field, t('services.error.fileTooLarge')]),
  );
  return { fields: form.fields, files: { files, uploadProblems } };
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
