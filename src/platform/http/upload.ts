import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { Invalid } from './errors.ts';

/** A file a form carried: the name of its input, the file's own name, and its bytes. */
export interface UploadedPart {
  field: string;
  filename: string;
  bytes: Buffer;
}

/**
 * A form read into memory. `tooLarge` names the inputs whose file was over the size limit and
 * `tooMany` says the form carried more files than allowed: the route turns them into a field error
 * in its own words, never a 413 page that loses what was typed.
 */
export interface BufferedForm {
  fields: Record<string, unknown>;
  files: UploadedPart[];
  tooLarge: string[];
  tooMany: boolean;
}

const codeOf = (error: unknown) => (error as { code?: string }).code;

/**
 * Reads a form with a few small files (photos, scans, documents), multipart or url-encoded, keeping
 * every text field. An input left empty is no file; a file over `limits.fileSize` is skipped and
 * its input named in `tooLarge`, and the fields after it are still read.
 */
export async function readBufferedForm(
  request: FastifyRequest,
  limits: { fileSize?: number; files?: number } = {},
): Promise<BufferedForm> {
  const form: BufferedForm = { fields: {}, files: [], tooLarge: [], tooMany: false };
  if (!request.isMultipart()) return { ...form, fields: (request.body ?? {}) as Record<string, unknown> };
  try {
    // a file over the limit arrives cut short instead of ending the form, so later fields still come
    // (the plugin reads throwFileSizeLimit in parts() too; its types name it only for file())
    const options = { limits, throwFileSizeLimit: false };
    for await (const part of request.parts(options)) {
      if (part.type !== 'file') {
        form.fields[part.fieldname] = part.value;
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) form.tooLarge.push(part.fieldname);
      else if (part.filename && bytes.length > 0)
        form.files.push({ field: part.fieldname, filename: part.filename, bytes });
    }
  } catch (error) {
    // the parts after the one over the count are not read
    if (codeOf(error) !== 'FST_FILES_LIMIT') throw error;
    form.tooMany = true;
  }
  return form;
}

/** What reading a one-file upload form gave: the place the file went (an import's), or why not. */
export interface OneUpload<J> {
  job: J | null;
  problem: string | null;
}

/**
 * `formRoute`'s `read` for an upload form of one file: streams the file to the place
 * `start(fileName, fields)` makes for it (e.g. `createImport`'s `uploadPath`) and says in the
 * visitor's words what went wrong (no file, too large, or the `Invalid` `start` threw). `start` sees
 * the text fields placed before the file input (an import's mode). `handle` then queues the job or
 * refuses it.
 */
export async function readOneUpload<J extends { uploadPath: string }>(
  request: FastifyRequest,
  options: {
    maxBytes: number;
    start: (fileName: string, fields: Record<string, unknown>) => Promise<J>;
    noFile: string;
    tooLarge: string;
  },
): Promise<{ fields: Record<string, unknown>; files: OneUpload<J> }> {
  const fields: Record<string, unknown> = {};
  const out: OneUpload<J> = { job: null, problem: null };
  if (!request.isMultipart()) return { fields: {}, files: { job: null, problem: options.noFile } };
  try {
    for await (const part of request.parts({ limits: { fileSize: options.maxBytes, files: 1 } })) {
      if (part.type !== 'file') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      out.job = await options.start(part.filename, fields);
      await pipeline(part.file, fs.createWriteStream(out.job.uploadPath));
      if (part.file.truncated) out.problem = options.tooLarge;
    }
  } catch (error) {
    if (error instanceof Invalid) out.problem = Object.values(error.fields).join(' ');
    else if (codeOf(error) === 'FST_REQ_FILE_TOO_LARGE') out.problem = options.tooLarge;
    else throw error;
  }
  if (!out.job && !out.problem) out.problem = options.noFile;
  return { fields, files: out };
}
