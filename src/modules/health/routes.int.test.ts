import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { findImport, runImportNow } from '../../platform/imports/index.ts';
import { buildTestApp, loginAs, type TestApp, Visitor } from '../../testing.ts';
import { createHealthImport, healthImport } from './import.ts';
import { rowField } from './service.ts';
import { makeChild, makeKader, makeOperator, makePosyandu } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let posyandu: { id: string; villageCode: string };
let kader: Visitor;
let ani: string;
let bayu: string;

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  operator = await makeOperator(test.ctx);
  posyandu = await makePosyandu(test.ctx, operator);
  ani = (
    await makeChild(test.ctx, operator, posyandu.id, {
      nama: 'Ani',
      jenis_kelamin: '2',
      tanggal_lahir: '2025-02-01',
    })
  ).id;
  bayu = (await makeChild(test.ctx, operator, posyandu.id, { nama: 'Bayu', tanggal_lahir: '2024-08-15' })).id;
  kader = await loginAs(test.app, await makeKader(test.ctx, posyandu));
}, 240_000);
afterAll(() => test.close());

const session = () => `/kelola/kesehatan/posyandu/${posyandu.id}/penimbangan?tanggal=2026-11-20`;

describe('the kader’s session form', () => {
  it('brings an implausible row back marked, keeps the good row, and stores it once confirmed', async () => {
    expect((await kader.get('/kelola/kesehatan/posyandu')).headers.location).toBe(
      `/kelola/kesehatan/posyandu/${posyandu.id}`,
    );
    const form = {
      [rowField('berat', ani)]: '8,6',
      [rowField('tinggi', ani)]: '74,2',
      [rowField('berat', bayu)]: '31,5',
      [rowField('tinggi', bayu)]: '82,0',
    };
    const held = await kader.post(session(), form, { csrfFrom: session() });
    expect(held.statusCode).toBe(422);
    expect(held.body).toContain(`name="${rowField('cek', bayu)}"`);
    expect(held.body).toContain('value="31,5"');
    expect(held.body).toContain('Saya sudah cek, nilai benar');
    const saved = await test.ctx.db
      .selectFrom('health_measurements')
      .select(['child_id', 'weight_kg'])
      .execute();
    expect(saved).toEqual([{ child_id: ani, weight_kg: '8.60' }]);

    const confirmed = await kader.post(
      session(),
      { ...form, [rowField('cek', bayu)]: 'ya' },
      { csrfFrom: session() },
    );
    expect(confirmed.statusCode).toBe(303);
    const list = await kader.get(confirmed.headers.location as string);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bayu');
  });

  it('refuses a kader of another posyandu and an operator of another village', async () => {
    const other = await makePosyandu(test.ctx, operator, 'Kenanga');
    const stranger = await loginAs(test.app, await makeKader(test.ctx, other));
    expect((await stranger.get(session())).statusCode).toBe(403);
    expect((await stranger.get(`/kelola/kesehatan/anak/${ani}`)).statusCode).toBe(403);
    const kibin = await loginAs(test.app, await makeOperator(test.ctx, '36.04.16.2001'));
    expect((await kibin.get(`/kelola/kesehatan/anak/${ani}`)).statusCode).toBe(403);
  });

  it('gives the kader a dashboard and no server error on the other modules’ staff pages', async () => {
    const home = await kader.get('/kelola');
    expect(home.statusCode).toBe(200);
    for (const url of [
      '/kelola/apbdes',
      '/kelola/informasi',
      '/kelola/penduduk',
      '/kelola/layanan',
      '/kelola/pengaduan',
      '/kelola/cari?q=ani',
      '/kelola/kesehatan/angka',
    ])
      expect((await kader.get(url)).statusCode, url).toBeLessThan(500);
  });

  it('shows the child page with the KMS chart and the history', async () => {
    const page = await kader.get(`/kelola/kesehatan/anak/${ani}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('@media print');
  });
});

describe('a month’s sheet', () => {
  it('imports decimal commas, finds children by name and birth date, and rejects bad rows with reasons', async () => {
    const as = withActor(test.ctx, operator);
    const job = await createHealthImport(as, posyandu.id, 'oktober.csv');
    fs.writeFileSync(
      job.uploadPath,
      [
        'NIK;Nama;Tanggal Lahir;Tanggal Ukur;Berat KG;Tinggi CM;Cara Ukur',
        ';ani;2025-02-01;2026-10-18;8,1;73,0;berbaring',
        ';Bayu;2024-08-15;2026-10-18;9,x;80;berdiri',
        ';Tidak Ada;2024-01-01;2026-10-18;9,0;80;berdiri',
      ].join('\n'),
    );
    const outcome = await runImportNow(test.ctx, [healthImport], job.id);
    expect(outcome).toMatchObject({ inserted: 1, updated: 0, rejected: 2, rowsTotal: 3 });
    const october = await test.ctx.db
      .selectFrom('health_measurements')
      .select(['weight_kg', 'height_cm', 'position'])
      .where('child_id', '=', ani)
      .where('measured_month', '=', '2026-10-01')
      .executeTakeFirstOrThrow();
    expect(october).toEqual({ weight_kg: '8.10', height_cm: '73.0', position: 'lying' });
    const record = await findImport(test.ctx, job.id);
    const errors = (await readFile(test.ctx, record.error_file_id as string)).bytes.toString('utf8');
    expect(errors).toContain('berat_kg');
    expect(errors).toContain('tidak ditemukan');
  });

  it('takes a sheet through the upload form and queues it; a form without a file comes back with 422', async () => {
    const office = await loginAs(test.app, operator);
    const page = `/kelola/kesehatan/impor?posyandu=${posyandu.id}`;
    const sheet = Buffer.from(
      'nik;nama;tanggal_lahir;tanggal_ukur;berat_kg;tinggi_cm\n;Ani;2025-02-01;2026-11-02;8,3;73,5\n',
    );
    const sent = await office.submitMultipart(page, {}, [
      { name: 'file', filename: 'november.csv', type: 'text/csv', bytes: sheet },
    ]);
    expect(sent.statusCode).toBe(303);
    const queued = await test.ctx.db
      .selectFrom('import_jobs')
      .select(['file_name', 'state'])
      .where('kind', '=', 'health-measurements')
      .where('file_name', '=', 'november.csv')
      .executeTakeFirstOrThrow();
    expect(['antre', 'berjalan', 'selesai']).toContain(queued.state);
    const empty = await office.submitMultipart(page, {}, []);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih berkas CSV atau XLSX');
  });

  it('serves the template to anyone', async () => {
    const template = await new Visitor(test.app).get('/kesehatan/templat-impor.csv');
    expect(template.statusCode).toBe(200);
    expect(template.body.split('\n')[0]).toContain('tanggal_ukur');
  });
});
