import { createHash } from 'node:crypto';
import { actorId } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import { NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { storageKey } from './keys.ts';
import { fileStore } from './store.ts';

export { type FileStore, fileStore, localDiskStore } from './store.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of an upload by its first bytes (JPEG, PNG, PDF), never by its name or the browser's word. */
export function sniffContentType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Stores bytes in the file store by content hash (identical uploads share one file) and records them. */
export async function saveFile(
  ctx: Ctx,
  input: { bytes: Buffer; contentType: string; name: string; villageCode?: string | null },
): Promise<{ id: string; sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await fileStore(ctx.config).put(storageKey(sha256), input.bytes);
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
  if (!row) throw new NotFound(t('files.notFound'));
  const bytes = await fileStore(ctx.config).get(storageKey(row.sha256));
  // a recorded file whose bytes are gone is the server's fault, not the visitor's
  if (!bytes) throw new Error(`stored bytes of file ${id} are missing`);
  return { bytes, contentType: row.content_type, name: row.name, sha256: row.sha256 };
}

/**
 * Forgets a stored file (a personal attachment whose purpose has passed). Identical uploads share
 * one file on disk, so the bytes go only when no other record points at them.
 */
export async function deleteFile(ctx: Ctx, id: string): Promise<void> {
  const row = await ctx.db.deleteFrom('files').where('id', '=', id).returning('sha256').executeTakeFirst();
  if (!row) return;
  const others = await ctx.db
    .selectFrom('files')
    .select('id')
    .where('sha256', '=', row.sha256)
    .executeTakeFirst();
  if (!others) await fileStore(ctx.config).delete(storageKey(row.sha256));
}
