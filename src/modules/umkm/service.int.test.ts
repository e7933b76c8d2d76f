import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { createImport, findImport, runImportNow } from '../../platform/imports/index.ts';
import { caught, createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { seedDemoResidents } from '../residents/service.ts';
import { umkmFigures } from './figures.ts';
import { IMPORT_KIND, umkmImport } from './import.ts';
import { umkmWorkQueue } from './queue.ts';
import { seedDemoUmkm } from './seed.ts';
import {
  confirmEnterprise,
  deleteEnterprise,
  getEnterprise,
  listEnterprises,
  myEnterprises,
  registerOwnEnterprise,
  resubmitOwnEnterprise,
  returnEnterprise,
  showcase,
  updateEnterprise,
} from './service.ts';
import {
  enterpriseForm,
  KIBIN,
  KRAMATWATU,
  makeEnterprise,
  makeOperator,
  makeOwner,
  residentActorOf,
} from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let operator: StaffActor;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
  ctx = test.ctx;
  operator = await makeOperator(ctx);
  owner = await makeOwner(ctx, operator);
});
afterEach(() => test.close());

const as = (actor: Parameters<typeof withActor>[1]) => withActor(ctx, actor);

async function fieldsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await caught(work);
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fields;
}

describe('the registry', () => {
  it('keeps an enterprise of a resident found by NIK, with its scale derived from the turnover band', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner, { omzet: '2m_15m', nib: '9120301234567' });
    const e = await getEnterprise(as(operator), id);
    expect(e).toMatchObject({
      status: 'terdaftar',
      name: 'Emping Melinjo Bu Siti',
      kbliCategory: 'C',
      kbliCode: '10794',
      turnoverBand: '2m_15m',
      scale: 'kecil',
      workersMale: 1,
      workersFemale: 3,
      full: true,
    });
    expect(e.owner).toMatchObject({ residentId: owner.id, nik: owner.nik });
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'umkm_enterprise')
      .where('entity_id', '=', id)
      .execute();
    expect(reads.map((r) => r.action)).toEqual(['create', 'read_personal']);
  });

  it('changes and removes an enterprise', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner);
    await updateEnterprise(as(operator), id, {
      nik_pemilik: owner.nik,
      ...enterpriseForm({ nama: 'Emping Bu Siti Jaya', omzet: '15m_50m' }),
    });
    expect(await getEnterprise(as(operator), id)).toMatchObject({
      name: 'Emping Bu Siti Jaya',
      scale: 'menengah',
    });
    await deleteEnterprise(as(operator), id);
    expect((await listEnterprises(as(operator), {})).total).toBe(0);
  });

  it('takes a non-resident owner only with a name and the reason', async () => {
    const fields = await fieldsOf(
      as(operator) && makeEnterprise(ctx, operator, { nik: '' }, { nama_pemilik: 'Pak Darto' }),
    );
    expect(fields).toEqual({ alasan_bukan_warga: 'Isi alasan pemilik bukan warga desa ini.' });
    const { id } = await makeEnterprise(
      ctx,
      operator,
      { nik: '' },
      { nama_pemilik: 'Pak Darto', alasan_bukan_warga: 'Tinggal di Cilegon, lapaknya di desa ini' },
    );
    expect((await getEnterprise(as(operator), id)).owner).toMatchObject({
      residentId: null,
      nik: null,
      name: 'Pak Darto',
    });
  });

  it('names every wrong field in Indonesian, and saves nothing', async () => {
    const fields = await fieldsOf(
      makeEnterprise(ctx, operator, owner, {
        nama: '',
        kbli: '4711',
        nib: '12345',
        omzet: 'banyak',
        pekerja_laki: '-1',
        lat: '-6.02',
        telepon: 'tanya warung',
      }),
    );
    expect(fields).toEqual({
      nama: 'Isi nama usaha.',
      kbli: 'Kode KBLI terdiri dari 5 angka.',
      nib: 'NIB terdiri dari 13 angka.',
      omzet: 'Pilih omzet setahun.',
      pekerja_laki: 'Isi jumlah tenaga kerja dengan angka bulat, 0 atau lebih.',
      lat: 'Isi garis lintang dan garis bujur, atau kosongkan keduanya.',
      telepon: 'Isi nomor telepon dengan angka, misalnya 0812 3456 7890.',
    });
    expect((await listEnterprises(as(operator), {})).total).toBe(0);
  });

  it('refuses a KBLI code of another category than the one chosen', async () => {
    expect(await fieldsOf(makeEnterprise(ctx, operator, owner, { sektor: 'G', kbli: '10794' }))).toEqual({
      kbli: 'Kode KBLI ini bukan dari sektor G.',
    });
  });

  it('does not find an owner by the NIK of another village’s resident', async () => {
    const kibinOperator = await makeOperator(ctx, KIBIN);
    const stranger = await makeOwner(ctx, kibinOperator, 2, 'Ujang');
    expect(await fieldsOf(makeEnterprise(ctx, operator, stranger))).toEqual({
      nik_pemilik: expect.stringContaining('tidak ada di data penduduk desa ini'),
    });
  });
});

describe('scope', () => {
  it('refuses another village’s office to read or change the village’s enterprises', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner);
    const kibin = await makeOperator(ctx, KIBIN);
    expect(await caught(getEnterprise(as(kibin), id))).toBeInstanceOf(Forbidden);
    expect(await caught(updateEnterprise(as(kibin), id, enterpriseForm()))).toBeInstanceOf(Forbidden);
    expect(await caught(listEnterprises(as(kibin), { wilayah: KRAMATWATU }))).toBeInstanceOf(Forbidden);
    expect((await listEnterprises(as(kibin), {})).total).toBe(0);
  });

  it('lets Diskoperindag read every village in full and refuses an agency outside its field', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner);
    const kibin = await makeOperator(ctx, KIBIN);
    await makeEnterprise(ctx, kibin, await makeOwner(ctx, kibin, 3, 'Ujang'), {
      nama: 'Bengkel Ujang',
      sektor: 'G',
      kbli: '',
    });
    const dinkop = await makeStaff(ctx, { role: 'opd', scope: 'DISKOPERINDAG' });
    const all = await listEnterprises(as(dinkop), {});
    expect(all.rows.map((r) => r.name).sort()).toEqual(['Bengkel Ujang', 'Emping Melinjo Bu Siti']);
    expect((await getEnterprise(as(dinkop), id)).owner.nik).toBe(owner.nik);
    const dinkes = await makeStaff(ctx, { role: 'opd', scope: 'DINKES' });
    expect(await caught(listEnterprises(as(dinkes), {}))).toBeInstanceOf(Forbidden);
    expect(await caught(getEnterprise(as(dinkes), id))).toBeInstanceOf(Forbidden);
    // figures are aggregates: every agency reads them
    const total = umkmFigures.find((f) => f.name === 'umkm.total')!;
    expect((await total.compute(as(dinkes), '36.04')).value).toBe(2);
  });

  it('shows the camat the kecamatan’s enterprises masked, and lets them change nothing', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner);
    const camat = await makeStaff(ctx, { role: 'camat', scope: '36.04.05' });
    const e = await getEnterprise(as(camat), id);
    expect(e.owner.nik).not.toBe(owner.nik);
    expect(e.owner.nik).toBe(`${owner.nik.slice(0, 4)}••••••••${owner.nik.slice(-4)}`);
    expect(e.turnoverBand).toBeNull();
    expect(await caught(updateEnterprise(as(camat), id, enterpriseForm()))).toBeInstanceOf(Forbidden);
    const otherCamat = await makeStaff(ctx, { role: 'camat', scope: '36.04.16' });
    expect(await caught(getEnterprise(as(otherCamat), id))).toBeInstanceOf(Forbidden);
  });
});

describe('the owner’s registration', () => {
  it('waits for the office, which confirms it; the queue counts it until then', async () => {
    const resident = as(residentActorOf(owner));
    const { id } = await registerOwnEnterprise(resident, enterpriseForm());
    expect((await myEnterprises(resident)).map((e) => [e.name, e.status])).toEqual([
      ['Emping Melinjo Bu Siti', 'menunggu'],
    ]);
    expect(await umkmWorkQueue(as(operator))).toEqual([
      expect.objectContaining({ kind: 'umkm.check', count: 1, href: '/kelola/umkm?status=menunggu' }),
    ]);
    expect((await showcase(ctx, { village: KRAMATWATU })).total).toBe(0);
    await confirmEnterprise(as(operator), id);
    expect((await myEnterprises(resident))[0]?.status).toBe('terdaftar');
    expect(await umkmWorkQueue(as(operator))).toEqual([]);
    expect((await showcase(ctx, { village: KRAMATWATU })).rows.map((r) => r.name)).toEqual([
      'Emping Melinjo Bu Siti',
    ]);
  });

  it('comes back to the owner with the reason, and waits again once corrected', async () => {
    const resident = as(residentActorOf(owner));
    const { id } = await registerOwnEnterprise(resident, enterpriseForm({ nib: '' }));
    expect(await fieldsOf(returnEnterprise(as(operator), id, { alasan: ' ' }))).toEqual({
      alasan: 'Tulis alasannya agar pemilik tahu apa yang perlu diperbaiki.',
    });
    await returnEnterprise(as(operator), id, { alasan: 'Foto produk belum ada, NIB belum diisi.' });
    const [returned] = await myEnterprises(resident);
    expect(returned).toMatchObject({
      status: 'dikembalikan',
      returnReason: 'Foto produk belum ada, NIB belum diisi.',
    });
    await resubmitOwnEnterprise(resident, id, enterpriseForm({ nib: '9120301234567' }));
    expect((await myEnterprises(resident))[0]).toMatchObject({ status: 'menunggu', nib: '9120301234567' });
  });

  it('is not confirmed by another village’s office nor read by another resident', async () => {
    const { id } = await registerOwnEnterprise(as(residentActorOf(owner)), enterpriseForm());
    const kibin = await makeOperator(ctx, KIBIN);
    expect(await caught(confirmEnterprise(as(kibin), id))).toBeInstanceOf(Forbidden);
    const neighbour = await makeOwner(ctx, operator, 4, 'Tetangga');
    expect(await myEnterprises(as(residentActorOf(neighbour)))).toEqual([]);
  });
});

describe('the showcase', () => {
  it('never shows an enterprise whose owner did not agree, nor the address or turnover they kept back', async () => {
    await makeEnterprise(ctx, operator, owner, { nama: 'Tidak Tampil', tampilkan: '' });
    await makeEnterprise(ctx, operator, owner, { nama: 'Tampil Saja', omzet: '2m_15m' });
    await makeEnterprise(ctx, operator, owner, {
      nama: 'Tampil Lengkap',
      tampilkan_alamat: '1',
      tampilkan_omzet: '1',
    });
    const { rows } = await showcase(ctx, { village: KRAMATWATU });
    expect(rows.map((r) => r.name)).toEqual(['Tampil Lengkap', 'Tampil Saja']);
    const [full, plain] = rows;
    expect(plain).toMatchObject({ address: null, turnoverBand: null, scale: null, dusun: 'Krajan' });
    expect(full).toMatchObject({
      address: 'Kp. Krajan RT 002/001 No. 7',
      turnoverBand: 'sd300jt',
      scale: 'mikro',
    });
    expect(JSON.stringify(rows)).not.toContain(owner.nik);
    expect(plain?.whatsapp).toBe('https://wa.me/6281234567890');
  });

  it('feeds the public search index with published enterprises only, and takes one out when consent is withdrawn', async () => {
    const { id } = await makeEnterprise(ctx, operator, owner);
    await makeEnterprise(ctx, operator, owner, { nama: 'Rahasia', tampilkan: '' });
    const indexed = () =>
      ctx.db
        .selectFrom('search_documents')
        .select(['title', 'body', 'visibility'])
        .where('module', '=', 'umkm')
        .execute();
    expect(await indexed()).toEqual([
      {
        title: 'Emping Melinjo Bu Siti',
        body: expect.stringContaining('Emping melinjo'),
        visibility: 'public',
      },
    ]);
    expect(JSON.stringify(await indexed())).not.toContain('Kp. Krajan');
    await updateEnterprise(as(operator), id, {
      nik_pemilik: owner.nik,
      ...enterpriseForm({ tampilkan: '' }),
    });
    expect(await indexed()).toEqual([]);
  });
});

describe('import', () => {
  it('adds good rows, updates a known NIB, and rejects bad rows with the column and the reason', async () => {
    await makeEnterprise(ctx, operator, owner, { nib: '9120301234567', nama: 'Lama' });
    const job = await createImport(as(operator), {
      kind: IMPORT_KIND,
      regionCode: KRAMATWATU,
      fileName: 'umkm.csv',
      options: {},
    });
    fs.writeFileSync(
      job.uploadPath,
      [
        'NIK Pemilik;Nama Pemilik;Alasan Bukan Warga;Nama Usaha;Sektor;KBLI;Omzet;NIB;No HP',
        `${owner.nik};;;Emping Baru;C;10794;300jt_2m;9120301234567;081234567890`,
        ';Pak Darto;Tinggal di Cilegon;Warung Darto;G;47111;sd300jt;;',
        ';Tanpa Alasan;;Warung X;G;;sd300jt;;',
        `${owner.nik};;;Salah Kode;A;10794;sd300jt;;`,
        `${owner.nik};;;;Z;;;;`,
      ].join('\n'),
    );
    const outcome = await runImportNow(ctx, [umkmImport], job.id);
    expect(outcome).toMatchObject({ inserted: 1, updated: 1, rejected: 3, rowsTotal: 5 });
    const names = (await listEnterprises(as(operator), {})).rows.map((r) => r.name).sort();
    expect(names).toEqual(['Emping Baru', 'Warung Darto']);
    const record = await findImport(ctx, job.id);
    const errors = (await readFile(ctx, record.error_file_id as string)).bytes.toString('utf8');
    expect(errors.split('\n')[0]).toBe('baris,kolom,pesan');
    expect(errors).toContain('4,alasan_bukan_warga,Isi alasan pemilik bukan warga desa ini.');
    expect(errors).toContain('5,kbli,Kode KBLI ini bukan dari sektor A.');
    expect(errors).toContain('6,nama,Isi nama usaha.');
    expect(errors).toContain('6,sektor,Pilih sektor usaha.');
  });
});

describe('figures', () => {
  it('count registered enterprises by scale and lacking NIB, as a direct count does', async () => {
    await makeEnterprise(ctx, operator, owner, { omzet: 'sd300jt' });
    await makeEnterprise(ctx, operator, owner, { nama: 'B', omzet: '2m_15m', nib: '9120301234567' });
    await makeEnterprise(ctx, operator, owner, { nama: 'C', omzet: '15m_50m' });
    await registerOwnEnterprise(as(residentActorOf(owner)), enterpriseForm({ nama: 'Menunggu' }));
    const value = async (name: string, region: string) =>
      (await umkmFigures.find((f) => f.name === name)!.compute(as(operator), region)).value;
    const direct = await sql<{ total: string; without_nib: string }>`
      SELECT count(*) AS total, count(*) FILTER (WHERE nib IS NULL) AS without_nib
      FROM umkm_enterprises WHERE status = 'terdaftar' AND village_code = ${KRAMATWATU}`.execute(ctx.db);
    expect(await value('umkm.total', KRAMATWATU)).toBe(Number(direct.rows[0]?.total));
    expect(await value('umkm.withoutNib', KRAMATWATU)).toBe(Number(direct.rows[0]?.without_nib));
    expect(await value('umkm.mikro', '36.04.05')).toBe(1);
    expect(await value('umkm.kecil', '36.04')).toBe(1);
    expect(await value('umkm.menengah', KRAMATWATU)).toBe(1);
    expect(await value('umkm.total', KIBIN)).toBe(0);
  });
});

describe('the demo seed', () => {
  it('puts labelled enterprises of registry residents into the demo villages once', async () => {
    await seedDemoResidents(ctx, [KRAMATWATU, KIBIN], 120);
    await seedDemoUmkm(ctx, [KRAMATWATU, KIBIN]);
    await seedDemoUmkm(ctx, [KRAMATWATU, KIBIN]);
    const rows = await ctx.db
      .selectFrom('umkm_enterprises')
      .select(['village_code', 'programmes', 'owner_resident_id', 'status'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.village_code))).toEqual(new Set([KRAMATWATU, KIBIN]));
    expect(rows.every((r) => r.programmes === 'Data contoh (demo)' && r.owner_resident_id)).toBe(true);
    expect(rows.some((r) => r.status === 'menunggu')).toBe(true);
    expect((await showcase(ctx, { village: KRAMATWATU })).total).toBeGreaterThan(0);
  });
});
