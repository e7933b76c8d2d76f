import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuePin, residentActor } from '../../platform/auth/resident-login.ts';
import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { buildTestApp, loginAs, makeStaff, phonePhoto, type TestApp, Visitor } from '../../testing.ts';
import { seedCatalog } from '../services/service.ts';
import {
  applyCorrection,
  type CorrectionInput,
  correctionPhoto,
  correctionsWorkItems,
  correctionsWorkQueue,
  getCorrection,
  listCorrections,
  myCorrections,
  refuseCorrection,
  requestCorrection,
} from './corrections.ts';
import { makeNik } from './nik.ts';
import { residentPersonalData } from './personal-data.ts';
import { findResidentByNik, residentHistory } from './service.ts';
import { KIBIN, KRAMATWATU, makeResident } from './test-builders.ts';

let test: TestApp;
let ctx: Ctx;
let operator: StaffActor;
let me: ResidentActor;

/** A resident of Kramatwatu; the first is registered as born in 1901, the century misread from "01". */
async function person(serial: number, overrides: Record<string, string> = {}, village = KRAMATWATU) {
  const staff =
    village === KRAMATWATU ? operator : await makeStaff(ctx, { role: 'operator_desa', scope: village });
  const birthDate = overrides.birthDate ?? '1901-04-12';
  const nik = makeNik(village.replaceAll('.', '').slice(0, 6), birthDate, 1, serial);
  await makeResident(withActor(ctx, staff), village, {
    nama: `UJANG ${serial}`,
    no_kk: '3604051201150007',
    ...overrides,
    birthDate,
    nik,
  });
  return residentActor((await findResidentByNik(ctx, nik))!);
}

function input(
  residentId: string,
  values: Record<string, string>,
  extra: Partial<CorrectionInput> = {},
): CorrectionInput {
  return {
    residentId,
    values,
    note: 'Sesuai akta kelahiran',
    contactPhone: '0812 3456 7890',
    photo: null,
    returnPath: '/layanan/keterangan-domisili/ajukan',
    ...extra,
  };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  ctx = test.ctx;
  operator = await makeStaff(ctx, { role: 'operator_desa', scope: KRAMATWATU });
  me = await person(1);
});
afterEach(async () => {
  await test.close();
});

describe('a resident asking the village office to correct their registry data', () => {
  it('goes to the office queue, which applies one field, then the rest, to the registry (audited, resident told)', async () => {
    const asked = await requestCorrection(
      withActor(ctx, me),
      input(me.id, { tanggallahir: '2001-04-12', pekerjaan_id: '2', nama: '' }),
    );
    const office = withActor(ctx, operator);
    expect(await correctionsWorkQueue(office)).toEqual([
      expect.objectContaining({ count: 1, overdue: 0, label: '1 perbaikan data penduduk menunggu Anda' }),
    ]);
    expect(await correctionsWorkItems(office, { limit: 10 })).toEqual([
      expect.objectContaining({
        kind: 'residents.correction',
        href: `/kelola/penduduk/perbaikan/${asked.id}`,
        title: 'Perbaikan data penduduk (2 isian)',
        overdue: false,
      }),
    ]);
    const view = await getCorrection(office, asked.id);
    expect(view.items.map((i) => [i.label, i.fromText, i.toText])).toEqual([
      ['Tanggal lahir', '12-04-1901', '12-04-2001'],
      ['Pekerjaan', 'KARYAWAN SWASTA', 'MENGURUS RUMAH TANGGA'],
    ]);
    expect(view.can.decide).toBe(true);

    await applyCorrection(office, asked.id, { field: 'tanggallahir' });
    expect((await findResidentByNik(ctx, me.nik))!.birthDate).toBe('2001-04-12');
    expect((await getCorrection(office, asked.id)).state).toBe('diajukan');
    await applyCorrection(office, asked.id, {});
    const done = await getCorrection(withActor(ctx, me), asked.id);
    expect(done.state).toBe('diterapkan');
    expect(done.items.every((i) => i.state === 'diterapkan')).toBe(true);
    expect((await findResidentByNik(ctx, me.nik))!.occupationCode).toBe(2);

    const history = await residentHistory(office, (await findResidentByNik(ctx, me.nik))!);
    expect(
      history.filter((e) => e.kind === 'ubah').map((e) => Object.keys(e.detail.changes as object)),
    ).toEqual([['occupationCode'], ['birthDate']]);
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'apply_correction')
      .execute();
    expect(audits).toHaveLength(2);
    const outbox = await ctx.db.selectFrom('outbox').select(['recipient', 'body']).execute();
    expect(outbox).toEqual([
      { recipient: '081234567890', body: expect.stringContaining(`/akun/perbaikan/${asked.id}`) },
    ]);
    expect(await correctionsWorkQueue(office)).toEqual([]);
    await expect(applyCorrection(office, asked.id, {})).rejects.toBeInstanceOf(Conflict);
  });

  it('is refused only with a reason the resident reads, and changes nothing', async () => {
    const asked = await requestCorrection(withActor(ctx, me), input(me.id, { rt: '7' }));
    const office = withActor(ctx, operator);
    const noReason = await refusal(refuseCorrection(office, asked.id, { reason: '  ' }));
    expect((noReason as Invalid).fields).toEqual({ alasan: 'Tulis alasan penolakan untuk warga.' });
    await refuseCorrection(office, asked.id, { reason: 'Bawa KK asli ke kantor desa.' });
    const mine = await getCorrection(withActor(ctx, me), asked.id);
    expect(mine.state).toBe('ditolak');
    expect(mine.reason).toBe('Bawa KK asli ke kantor desa.');
    expect((await findResidentByNik(ctx, me.nik))!.rt).toBe('002');
    expect((await myCorrections(withActor(ctx, me))).map((c) => c.state)).toEqual(['ditolak']);
    await expect(applyCorrection(office, asked.id, {})).rejects.toBeInstanceOf(Conflict);
  });

  it('names each problem beside its field in Indonesian and saves nothing', async () => {
    const nothing = await refusal(
      requestCorrection(
        withActor(ctx, me),
        input(me.id, { tanggallahir: '1901-04-12' }, { note: '', contactPhone: '12' }),
      ),
    );
    expect(nothing).toBeInstanceOf(Invalid);
    expect((nothing as Invalid).fields).toEqual({
      bidang: 'Isi sedikitnya satu data yang salah dengan yang benar.',
      catatan: 'Tulis singkat mengapa data ini salah.',
      telepon: 'Nomor WhatsApp harus 9 sampai 15 angka, misalnya 0812 3456 7890.',
    });
    const bad = await refusal(
      requestCorrection(withActor(ctx, me), input(me.id, { tanggallahir: '2031-02-30', agama_id: '99' })),
    );
    expect(Object.keys((bad as Invalid).fields).sort()).toEqual(['agama_id', 'tanggallahir']);
    expect(await ctx.db.selectFrom('resident_corrections').selectAll().execute()).toHaveLength(0);
  });

  it('lets a resident ask for a family member, never for another family, and keeps each office to its village', async () => {
    const child = await person(2, { kk_level: '4', nama: 'ANAK UJANG' });
    const asked = await requestCorrection(
      withActor(ctx, me),
      input(child.id, { nama: 'ANAK UJANG SAPUTRA' }),
    );
    expect((await getCorrection(withActor(ctx, child), asked.id)).subject.name).toBe('ANAK UJANG');

    const stranger = await person(3, { no_kk: '3604051201150099' });
    await expect(
      requestCorrection(withActor(ctx, me), input(stranger.id, { nama: 'X' })),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(getCorrection(withActor(ctx, stranger), asked.id)).rejects.toBeInstanceOf(NotFound);

    const kibin = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN }));
    await expect(getCorrection(kibin, asked.id)).rejects.toBeInstanceOf(NotFound);
    await expect(applyCorrection(kibin, asked.id, {})).rejects.toBeInstanceOf(NotFound);
    expect(await correctionsWorkQueue(kibin)).toEqual([]);
    expect(await correctionsWorkItems(kibin, { limit: 10 })).toEqual([]);

    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    const seen = await getCorrection(camat, asked.id);
    expect(seen.subject.nik).toContain('••••');
    expect(seen.can.decide).toBe(false);
    expect((await listCorrections(camat, { villageCode: KRAMATWATU })).rows[0]!.nik).toContain('••••');
    await expect(applyCorrection(camat, asked.id, {})).rejects.toBeInstanceOf(Forbidden);
    expect(await correctionsWorkQueue(camat)).toEqual([]);

    const kades = withActor(ctx, await makeStaff(ctx, { role: 'kepala_desa', scope: KRAMATWATU }));
    await applyCorrection(kades, asked.id, {});
    expect((await findResidentByNik(ctx, child.nik))!.name).toBe('ANAK UJANG SAPUTRA');
  });

  it('shrinks a phone photo of the KK, drops its EXIF, and shows it to the office only', async () => {
    const photo = await phonePhoto({ quality: 85, gps: true });
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    const asked = await requestCorrection(
      withActor(ctx, me),
      input(me.id, { tempatlahir: 'CILEGON' }, { photo: { filename: 'IMG_0001.JPG', bytes: photo } }),
    );
    const stored = await correctionPhoto(withActor(ctx, operator), asked.id);
    const meta = await sharp(stored.bytes).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(2000);
    expect(meta.exif).toBeUndefined();
    expect(stored.name).toBe('IMG_0001.jpg');
    const kibin = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN }));
    await expect(correctionPhoto(kibin, asked.id)).rejects.toBeInstanceOf(NotFound);
    const tooBig = await refusal(
      requestCorrection(
        withActor(ctx, me),
        input(me.id, { tempatlahir: 'CILEGON' }, { photoTooLarge: true }),
      ),
    );
    expect((tooBig as Invalid).fields).toEqual({ foto: 'Foto paling besar 10 MB.' });
    expect(
      (await readFile(ctx, (await ctx.db.selectFrom('files').select('id').executeTakeFirstOrThrow()).id))
        .bytes.length,
    ).toBe(stored.bytes.length);
  });
});

describe('a correction request as personal data', () => {
  it('is exported with the person, and an erasure removes its photo and phone number but keeps the request', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a0a0a0' } })
      .jpeg()
      .toBuffer();
    await requestCorrection(
      withActor(ctx, me),
      input(me.id, { rt: '5' }, { photo: { filename: 'kk.jpg', bytes: photo } }),
    );
    const exported = await residentPersonalData.export(ctx, me.nik);
    const data = exported!.data as {
      corrections: Array<{ contactPhone: string; hasPhoto: boolean; items: unknown }>;
    };
    expect(data.corrections).toEqual([
      expect.objectContaining({
        contactPhone: '081234567890',
        hasPhoto: true,
        items: [{ field: 'rt', from: '002', to: '005', state: 'menunggu' }],
      }),
    ]);
    const erased = await residentPersonalData.erase(ctx, me.nik);
    expect(erased.erased).toEqual([{ what: 'residents.personalData.correctionPhotos', count: 1 }]);
    expect(erased.anonymised).toEqual([{ what: 'residents.personalData.corrections', count: 1 }]);
    const [kept] = await ctx.db.selectFrom('resident_corrections').selectAll().execute();
    expect([kept!.photo_file_id, kept!.contact_phone]).toEqual([null, null]);
    expect(await ctx.db.selectFrom('files').selectAll().execute()).toHaveLength(0);
  });
});

describe('the correction pages', () => {
  async function residentVisitor(who: ResidentActor): Promise<Visitor> {
    const { pin } = await issuePin(withActor(ctx, operator), who.nik);
    const visitor = new Visitor(test.app);
    expect(
      (await visitor.post('/masuk/warga', { nik: who.nik, pin }, { csrfFrom: '/masuk/warga' })).statusCode,
    ).toBe(303);
    const next = '583920';
    await visitor.post('/akun/pin', { current: pin, next, repeat: next }, { csrfFrom: '/akun/pin' });
    return visitor;
  }

  it('walks from the letter form to a correction, the office applying it, and back to the form with the right date', async () => {
    await seedCatalog(ctx);
    const resident = await residentVisitor(me);
    const letter = '/layanan/keterangan-domisili/ajukan';
    const form = await resident.get(letter);
    expect(form.body).toContain('12 April 1901');
    const link = `/akun/perbaikan/baru?kembali=${encodeURIComponent(letter)}`;
    expect(form.body).toContain(link.replaceAll('&', '&amp;'));

    const refused = await resident.submitMultipart(link, { tanggallahir: '', catatan: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Isi sedikitnya satu data yang salah dengan yang benar.');
    expect(refused.body).toContain('Tulis singkat mengapa data ini salah.');

    const sent = await resident.submitMultipart(link, { tanggallahir: '2001-04-12', catatan: 'Sesuai akta' });
    expect(sent.statusCode).toBe(303);
    const mine = sent.headers.location as string;
    expect((await resident.get(mine)).body).toContain('Menunggu pemeriksaan');
    expect((await resident.get('/akun')).body).toContain(mine);

    const office = await loginAs(test.app, operator);
    const queue = await office.get(`/kelola/penduduk/perbaikan?desa=${KRAMATWATU}&status=diajukan`);
    const id = mine.split('/').pop()!;
    expect(queue.body).toContain(`/kelola/penduduk/perbaikan/${id}`);
    const page = await office.get(`/kelola/penduduk/perbaikan/${id}`);
    expect(page.body).toContain('12-04-1901');
    expect(page.body).toContain('12-04-2001');
    const applied = await office.post(
      `/kelola/penduduk/perbaikan/${id}/terapkan`,
      {},
      {
        csrfFrom: `/kelola/penduduk/perbaikan/${id}`,
      },
    );
    expect(applied.statusCode).toBe(303);
    const again = await office.post(
      `/kelola/penduduk/perbaikan/${id}/terapkan`,
      {},
      {
        csrfFrom: `/kelola/penduduk/perbaikan/${id}`,
      },
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Permohonan ini sudah diputus.');

    const done = await resident.get(mine);
    expect(done.body).toContain('Sudah diperbaiki');
    expect(done.body).toContain(`href="${letter}"`);
    expect((await resident.get(letter)).body).toContain('12 April 2001');
  });
});
