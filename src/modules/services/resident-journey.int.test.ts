import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { createTestContext, phonePhoto, type TestContext } from '../../testing.ts';
import { deleteDraft, getRequest, myRequests, startRequest } from './service.ts';
import { makeApplicant, makeVillageOffice, prepareServices, requestInput } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let applicant: ResidentActor;

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-12-01T02:00:00Z') });
  ctx = test.ctx;
  await prepareServices(ctx);
  const office = await makeVillageOffice(ctx);
  applicant = await makeApplicant(ctx, office.operator);
});
afterEach(async () => {
  await test.close();
});

describe('a resident filing a letter from a phone (#12)', () => {
  it('leaves no draft behind when "Ajukan" is pressed on the form as it opened', async () => {
    const me = withActor(ctx, applicant);
    const refused = await startRequest(me, 'keterangan-tidak-mampu', await requestInput({})).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).fields.keperluan).toBe('Keperluan wajib diisi.');
    expect((refused as Invalid).fields.lampiran_foto_ktp).toContain('wajib dilampirkan');
    expect(await myRequests(me)).toHaveLength(0);
  });

  it('keeps an explicitly saved draft, which its applicant may delete with its attachments', async () => {
    const me = withActor(ctx, applicant);
    const draft = await startRequest(
      me,
      'keterangan-tidak-mampu',
      await requestInput({ keperluan: 'Biaya sekolah' }, { submit: false, attachments: ['foto_ktp'] }),
    );
    const view = await getRequest(me, draft.id);
    expect(view.state).toBe('draf');
    await deleteDraft(me, draft.id);
    expect(await myRequests(me)).toHaveLength(0);
    expect(await ctx.db.selectFrom('service_request_attachments').selectAll().execute()).toHaveLength(0);
  });

  it('accepts a 3000×2000 phone photo of several megabytes and stores it shrunk, without its GPS position', async () => {
    const photo = await phonePhoto({ quality: 85, gps: true });
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    const input = await requestInput({ keperluan: 'Biaya sekolah' }, { submit: false });
    input.files = [{ field: 'foto_ktp', filename: 'IMG_2031.JPG', bytes: photo }];
    const draft = await startRequest(withActor(ctx, applicant), 'keterangan-tidak-mampu', input);
    expect(draft.problems).toEqual({});
    const [attachment] = (await getRequest(withActor(ctx, applicant), draft.id)).attachments;
    expect(attachment?.fileName).toBe('IMG_2031.jpg');
    expect(attachment?.size).toBeLessThan(photo.length);
    const row = await ctx.db
      .selectFrom('service_request_attachments')
      .select('file_id')
      .executeTakeFirstOrThrow();
    const stored = await readFile(ctx, row.file_id);
    const meta = await sharp(stored.bytes).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(2000);
    expect(meta.exif).toBeUndefined();
  });
});
