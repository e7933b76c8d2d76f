import { audit } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { renamedFor, shrinkImage } from '../../platform/files/images.ts';
import { readFile, saveFile } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { assertMayKeep, assertMayReadEnterprise } from './policy.ts';
import * as repo from './repo.ts';
import { publishedPhoto } from './service.ts';

export const PHOTO_BYTES = 8 * 1024 * 1024;

export interface PhotoUpload {
  photo: { filename: string; bytes: Buffer } | null;
  tooLarge: boolean;
}

async function rowOf(ctx: Ctx, id: string) {
  const row = isUuid(id) ? await repo.enterpriseById(ctx.db, id) : undefined;
  if (!row) throw new NotFound(t('umkm.error.notFound'));
  return row;
}

/** The office sets the enterprise's photo: shrunk and stripped of EXIF (where the phone was) first. */
export async function setPhoto(ctx: Ctx, id: string, upload: PhotoUpload): Promise<void> {
  const row = await rowOf(ctx, id);
  assertMayKeep(ctx.actor, row.village_code);
  if (upload.tooLarge) throw new Invalid({ foto: t('umkm.error.photoSize') });
  if (!upload.photo) throw new Invalid({ foto: t('umkm.error.photoMissing') });
  const shrunk = await shrinkImage(upload.photo.bytes, { longSide: 1200 });
  if (!shrunk) throw new Invalid({ foto: t('umkm.error.photoType') });
  await inTransaction(ctx, async (tx) => {
    const file = await saveFile(tx, {
      bytes: shrunk.bytes,
      contentType: shrunk.contentType,
      name: renamedFor(upload.photo?.filename ?? 'foto', shrunk.contentType),
      villageCode: row.village_code,
    });
    await repo.updateEnterprise(tx.db, row.id, { photo_file_id: file.id, updated_at: tx.clock.now() });
    await audit(tx, {
      action: 'photo',
      entity: 'umkm_enterprise',
      entityId: row.id,
      villageCode: row.village_code,
    });
  });
}

/** The photo for whoever reads the record (staff in scope, the owner). */
export async function recordPhoto(ctx: Ctx, id: string) {
  const row = await rowOf(ctx, id);
  assertMayReadEnterprise(ctx.actor, {
    villageCode: row.village_code,
    ownerResidentId: row.owner_resident_id,
  });
  if (!row.photo_file_id) throw new NotFound(t('umkm.error.notFound'));
  return readFile(ctx, row.photo_file_id);
}

/** The photo on the showcase: only of a registered enterprise whose owner agreed to be shown. */
export async function showcasePhoto(ctx: Ctx, villageCode: string, id: string) {
  return readFile(ctx, await publishedPhoto(ctx, villageCode, id));
}
