import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { actorId } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import { NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of an upload by its first bytes (JPEG, PNG, PDF), never by its name or the browser's word. */
export function sniffContentType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

function storagePath(ctx: Ctx, sha256: string): string {
  return path.join(ctx.config.dataDir, 'files', sha256.slice(0, 2), sha256);
}

/** Stores bytes on disk by content hash (identical uploads share one file) and records them. */
export async function saveFile(
  ctx: Ctx,
  input: { bytes: Buffer; contentType: string; name: string; villageCode?: string | null },
): Promise<{ id: string; sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const target = storagePath(ctx, sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, input.bytes, { flag: 'w' });
  const row = await ctx.db
    .insertInto('files')
    .values({
      sha256,
      size: input.bytes.length,
      content_type: input.contentType,
      name: input.name.slice(0, 200),
      village_code: input.villageCode ?? null,
      created_by: actorId(ctx.actor),
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, sha256, size: input.bytes.length };
}

export async function readFile(
  ctx: Ctx,
  id: string,
): Promise<{ bytes: Buffer; contentType: string; name: string; sha256: string }> {
  const row = await ctx.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(t('error.fileNotFound'));
  const bytes = await fs.readFile(storagePath(ctx, row.sha256));
  return { bytes, contentType: row.content_type, name: row.name, sha256: row.sha256 };
}
