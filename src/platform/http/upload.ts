import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { Invalid } from './errors.ts';

/** What reading a one-file upload form gave: the place the file went (an import's), or why not. */
export interface OneUpload<J> {
  job: J | null;
  problem: string | null;
}

/**
 * `formRoute`'s `read` for a form whose only content is one file: streams the file to the place
 * `start(fileName)` makes for it (e.g. `createImport`'s `uploadPath`) and says in the visitor's
 * words what went wrong (no file, too large, or the `Invalid` `start` threw). `handle` then queues
 * the job or refuses it.
 */
export async function readOneUpload<J extends { uploadPath: string }>(
  request: FastifyRequest,
  options: { maxBytes: number; start: (fileName: string) => Promise<J>; noFile: string; tooLarge: string },
): Promise<{ fields: Record<string, unknown>; files: OneUpload<J> }> {
  const out: OneUpload<J> = { job: null, problem: null };
  if (!request.isMultipart()) return { fields: {}, files: { job: null, problem: options.noFile } };
  try {
    for await (const part of request.parts({ limits: { fileSize: options.maxBytes, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      out.job = await options.start(part.filename);
      await pipeline(part.file, fs.createWriteStream(out.job.uploadPath));
      if (part.file.truncated) out.problem = options.tooLarge;
    }
  } catch (error) {
    if (error instanceof Invalid) out.problem = Object.values(error.fields).join(' ');
    else if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') out.problem = options.tooLarge;
    else throw error;
  }
  if (!out.job && !out.problem) out.problem = options.noFile;
  return { fields: {}, files: out };
}
