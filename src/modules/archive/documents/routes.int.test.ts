import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../../platform/auth/roles.ts';
import { fixedClock } from '../../../platform/context.ts';
import { allTests, buildTestApp, loginAs, type Visitor } from '../../../testing.ts';
import { makeVillageStaff, tinyPdf } from './test-builders.ts';

const test = allTests(() => buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') }), 240_000);
let operator: Visitor;
let kades: StaffActor;

beforeAll(async () => {
  operator = await loginAs(test.app, await makeVillageStaff(test.ctx, 'operator_desa'));
  kades = await makeVillageStaff(test.ctx, 'kepala_desa');
}, 120_000);

/** The upload woke the extraction job on the app's runner: wait until it has read every file. */
async function textsRead(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const waiting = await test.ctx.db
      .selectFrom('archive_documents')
      .select('id')
      .where('extraction_state', 'in', ['menunggu', 'berjalan'])
      .execute();
    if (waiting.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the texts were not read within a minute');
}

const fields = { date: '2018-07-01', category: 'sk_kades', accessClass: 'biasa' };

describe('the archive pages', () => {
  it('files several files in one submission, one result per file, and finds one by a word inside', async () => {
    const page = await operator.submitMultipart('/kelola/arsip/dokumen/unggah', fields, [
      {
        name: 'files',
        filename: 'sk-jembatan.pdf',
        type: 'application/pdf',
        bytes: tinyPdf('Jembatan desa telah diperbaiki warga'),
      },
      { name: 'files', filename: 'catatan.txt', type: 'text/plain', bytes: Buffer.from('bukan dokumen') },
      {
        name: 'files',
        filename: 'sk-pasar.pdf',
        type: 'application/pdf',
        bytes: tinyPdf('Pasar desa dibuka setiap hari Senin'),
      },
    ]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 dari 3 berkas tersimpan.');
    expect(page.body).toContain('Berkas bukan PDF, JPEG atau PNG; tidak disimpan.');
    await textsRead();
    const found = await operator.get('/kelola/arsip/dokumen?q=perbaikan');
    expect(found.body).toContain('sk-jembatan');
    expect(found.body).not.toContain('sk-pasar');
    expect(found.body).toContain('<mark>diperbaiki</mark>');
  });

  it('draws the form again with Indonesian messages beside the fields', async () => {
    const page = await operator.submitMultipart('/kelola/arsip/dokumen/unggah', { date: 'kemarin' }, [
      {
        name: 'files',
        filename: 'a.pdf',
        type: 'application/pdf',
        bytes: tinyPdf('Dokumen yang tidak jadi disimpan'),
      },
    ]);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Isi tanggal dokumen dengan tanggal yang benar.');
    expect(page.body).toContain('Pilih jenis dokumen.');
  });

  it('never lets document text become markup in a highlight', async () => {
    await operator.submitMultipart(
      '/kelola/arsip/dokumen/unggah',
      { ...fields, title: 'Surat <b>tebal</b> lama' },
      [
        {
          name: 'files',
          filename: 'x.pdf',
          type: 'application/pdf',
          bytes: tinyPdf('Naskah lama berisi script berbahaya'),
        },
      ],
    );
    const found = await operator.get('/kelola/arsip/dokumen?q=tebal');
    expect(found.body).toContain('&lt;b&gt;');
    expect(found.body).not.toContain('<b>tebal');
  });

  it('refuses a rahasia document to the operator and audits the kepala desa’s download', async () => {
    const head = await loginAs(test.app, kades);
    const filed = await head.submitMultipart(
      '/kelola/arsip/dokumen/unggah',
      { ...fields, accessClass: 'rahasia', title: 'Sengketa batas' },
      [
        {
          name: 'files',
          filename: 's.pdf',
          type: 'application/pdf',
          bytes: tinyPdf('Sengketa batas tanah dengan desa tetangga'),
        },
      ],
    );
    const id = /href="\/kelola\/arsip\/dokumen\/([0-9a-f-]{36})"/.exec(filed.body)?.[1];
    expect(id).toBeDefined();
    expect((await operator.get(`/kelola/arsip/dokumen/${id}`)).statusCode).toBe(403);
    expect((await operator.get(`/kelola/arsip/dokumen/${id}/berkas`)).statusCode).toBe(403);
    expect((await operator.get('/kelola/arsip/dokumen?q=sengketa')).body).not.toContain('Sengketa batas');
    const download = await head.get(`/kelola/arsip/dokumen/${id}/berkas`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const audit = await test.ctx.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'archive_download')
      .execute();
    expect(audit).toEqual([{ actor_id: kades.id }]);
  });

  it('corrects a document’s details through its edit form: the stored values shown, field errors, then saved', async () => {
    const filed = await operator.submitMultipart(
      '/kelola/arsip/dokumen/unggah',
      { ...fields, title: 'SK pengangkatan perangkat' },
      [
        {
          name: 'files',
          filename: 'sk.pdf',
          type: 'application/pdf',
          bytes: tinyPdf('Pengangkatan kepala dusun'),
        },
      ],
    );
    const id = /href="\/kelola\/arsip\/dokumen\/([0-9a-f-]{36})"/.exec(filed.body)?.[1];
    const url = `/kelola/arsip/dokumen/${id}/ubah`;
    expect((await operator.get(`/kelola/arsip/dokumen/${id}`)).body).toContain(`href="${url}"`);
    const form = await operator.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="SK pengangkatan perangkat"');
    expect(form.body).toContain('value="2018-07-01"');

    const wrong = await operator.post(url, { ...fields, title: '', date: '2018-02-30' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Isi judul dokumen.');
    expect(wrong.body).toContain('Isi tanggal dokumen dengan tanggal yang benar.');

    const saved = await operator.post(url, {
      ...fields,
      title: 'SK pengangkatan kepala dusun',
      location: 'Lemari 1, map 3',
    });
    expect(saved.statusCode).toBe(303);
    const detail = await operator.get(`/kelola/arsip/dokumen/${id}`);
    expect(detail.body).toContain('Keterangan dokumen diperbarui; perubahannya tercatat.');
    expect(detail.body).toContain('SK pengangkatan kepala dusun');
    expect(detail.body).toContain('Lemari 1, map 3');
    expect((await (await loginAs(test.app, kades)).get(url)).statusCode).toBe(200);
  });
});
