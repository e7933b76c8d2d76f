import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../../platform/context.ts';
import { search } from '../../../platform/search/service.ts';
import { createTestContext, eachTest } from '../../../testing.ts';
import { seedClassificationCodes } from '../service.ts';
import { MARK_START } from './repo.ts';
import {
  approveDestruction,
  deleteDocument,
  documentFor,
  downloadDocument,
  editDocument,
  extractPending,
  listArchive,
  MAX_EXTRACTION_ATTEMPTS,
  MAX_FILE_BYTES,
  retentionReview,
  uploadDocuments,
} from './service.ts';
import {
  fileDocument,
  KIBIN,
  makeVillageStaff,
  savedId,
  scanJpeg,
  textPdf,
  tinyPdf,
} from './test-builders.ts';

const clock = fixedClock('2026-11-23T02:00:00Z');
const test = eachTest(() => createTestContext({ clock }), 120_000);
let operator: StaffActor;
let kades: StaffActor;
let sekdes: StaffActor;

beforeEach(async () => {
  clock.set('2026-11-23T02:00:00Z');
  operator = await makeVillageStaff(test.ctx, 'operator_desa');
  kades = await makeVillageStaff(test.ctx, 'kepala_desa');
  sekdes = await makeVillageStaff(test.ctx, 'sekretaris_desa');
});

const as = (actor: StaffActor) => withActor(test.ctx, actor);
const headline = (listing: Awaited<ReturnType<typeof listArchive>>) =>
  listing.mode === 'search' ? listing.rows[0]?.headline : undefined;
const titles = async (actor: StaffActor, q?: string) =>
  (await listArchive(as(actor), { q })).rows.map((r) => r.title);

describe('filing and finding documents by the words inside', () => {
  it('finds a PDF by a word of its text layer and a scanned JPEG by a word OCR read, in other forms of the word', async () => {
    const results = await uploadDocuments(as(operator), {
      fields: {
        date: '2019-05-02',
        category: 'perdes',
        number: '5 Tahun 2019',
        location: 'Lemari 2, rak 3, map 14',
      },
      files: [
        { filename: 'perdes-irigasi.pdf', bytes: textPdf() },
        { filename: 'sk-balai-desa.jpg', bytes: scanJpeg() },
      ],
    });
    expect(results.map((r) => r.outcome)).toEqual(['saved', 'saved']);
    expect(await titles(operator, 'pembersihan')).toEqual([]);

    expect(await extractPending(test.ctx)).toBe(2);

    const pdf = await listArchive(as(operator), { q: 'pembersihan' });
    expect(pdf.rows.map((r) => r.title)).toEqual(['perdes-irigasi']);
    expect(headline(pdf)).toContain(`${MARK_START}dibersihkan`);
    const scan = await listArchive(as(operator), { q: 'perbaikan' });
    expect(scan.rows.map((r) => r.title)).toEqual(['sk-balai-desa']);
    expect(headline(scan)).toContain(`${MARK_START}diperbaiki`);
    const detail = await documentFor(as(operator), savedId(results[1]));
    expect(detail.doc).toMatchObject({
      extraction_state: 'selesai',
      extraction_method: 'ocr',
      pages_done: 1,
    });
    expect(detail.doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the platform's search finds it too, within the village's scope
    const shared = await search(as(operator), { term: 'perbaikan' });
    expect(shared.hits.map((h) => h.url)).toEqual([`/kelola/arsip/dokumen/${savedId(results[1])}`]);
  }, 120_000);

  it('finds a document by its number or a misspelt title, and filters by year and category', async () => {
    await fileDocument(test.ctx, operator, {
      title: 'Peraturan Desa tentang Pasar Desa',
      number: '141/07/2019',
    });
    await fileDocument(test.ctx, operator, {
      title: 'Laporan Realisasi APBDes',
      category: 'laporan',
      date: '2024-01-10',
    });
    expect(await titles(operator, '141/07')).toEqual(['Peraturan Desa tentang Pasar Desa']);
    expect(await titles(operator, 'realisassi')).toEqual(['Laporan Realisasi APBDes']);
    expect((await listArchive(as(operator), { year: '2024' })).rows.map((r) => r.title)).toEqual([
      'Laporan Realisasi APBDes',
    ]);
    expect((await listArchive(as(operator), { category: 'perdes' })).rows.map((r) => r.title)).toEqual([
      'Peraturan Desa tentang Pasar Desa',
    ]);
  });

  it('files the same bytes once: a second upload points at the document already archived', async () => {
    const bytes = tinyPdf('Berita acara musyawarah desa tahun ini');
    const first = await fileDocument(test.ctx, operator, { bytes, title: 'Berita acara musdes' });
    const [again] = await uploadDocuments(as(sekdes), {
      fields: { date: '2020-01-01', category: 'musdes' },
      files: [{ filename: 'salinan.pdf', bytes }],
    });
    expect(again).toEqual({
      filename: 'salinan.pdf',
      outcome: 'duplicate',
      id: first,
      title: 'Berita acara musdes',
    });
    const files = await test.ctx.db.selectFrom('files').select('id').execute();
    expect(files).toHaveLength(1);
  });

  it('refuses a file of another type or too large with its own message and keeps the others', async () => {
    const results = await uploadDocuments(as(operator), {
      fields: { date: '2020-01-01', category: 'lainnya' },
      files: [
        { filename: 'catatan.docx', bytes: Buffer.from('PK\u0003\u0004 bukan pdf') },
        { filename: 'besar.pdf', bytes: null, problem: 'tooLarge' },
        { filename: 'baik.pdf', bytes: tinyPdf('Dokumen yang baik dan benar sekali') },
      ],
    });
    expect(results.map((r) => (r.outcome === 'refused' ? r.message : r.outcome))).toEqual([
      'Berkas bukan PDF, JPEG atau PNG; tidak disimpan.',
      `Berkas lebih besar dari ${MAX_FILE_BYTES / 1024 / 1024} MB; tidak disimpan.`,
      'saved',
    ]);
  });

  it('says what is wrong with the metadata field by field and saves nothing', async () => {
    const attempt = uploadDocuments(as(operator), {
      fields: { date: '2030-01-01', category: 'surat_cinta', classification: 'abc', activeYears: 'lima' },
      files: [{ filename: 'a.pdf', bytes: tinyPdf('Dokumen yang tidak jadi disimpan') }],
    });
    await expect(attempt).rejects.toMatchObject({
      fields: {
        date: 'Tanggal dokumen tidak boleh setelah hari ini.',
        category: 'Pilih jenis dokumen.',
        classification: 'Kode klasifikasi berbentuk angka bertitik, misalnya 100.3.4.',
        activeYears: 'Isi jumlah tahun dengan angka 0 sampai 100.',
      },
    });
    expect(await test.ctx.db.selectFrom('archive_documents').select('id').execute()).toEqual([]);
  });

  it('records a failed extraction with its message and retries it a limited number of times', async () => {
    const id = await fileDocument(test.ctx, operator, { bytes: Buffer.from('%PDF-1.4 rusak sama sekali') });
    for (let attempt = 1; attempt <= MAX_EXTRACTION_ATTEMPTS + 1; attempt++) {
      await extractPending(test.ctx);
      clock.advance(2 * 60 * 60_000);
    }
    const row = await test.ctx.db
      .selectFrom('archive_documents')
      .select(['extraction_state', 'extraction_attempts', 'extraction_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.extraction_state).toBe('gagal');
    expect(row.extraction_attempts).toBe(MAX_EXTRACTION_ATTEMPTS);
    expect(row.extraction_error).not.toBe('');
  }, 60_000);
});

describe('access classes', () => {
  it('refuses a rahasia document to an operator: absent from lists and searches, refused on its own', async () => {
    const secret = await fileDocument(test.ctx, kades, {
      title: 'Surat rahasia sengketa tanah',
      accessClass: 'rahasia',
    });
    await fileDocument(test.ctx, operator, { title: 'Surat biasa tentang tanah kas desa' });
    expect(await titles(operator, 'tanah')).toEqual(['Surat biasa tentang tanah kas desa']);
    expect(await titles(operator)).toEqual(['Surat biasa tentang tanah kas desa']);
    await expect(documentFor(as(operator), secret)).rejects.toMatchObject({ status: 403 });
    await expect(downloadDocument(as(operator), secret)).rejects.toMatchObject({ status: 403 });
    expect((await search(as(operator), { term: 'sengketa' })).hits).toEqual([]);
    expect(await titles(sekdes, 'sengketa')).toEqual(['Surat rahasia sengketa tanah']);
    expect(await titles(kades, 'sengketa')).toEqual(['Surat rahasia sengketa tanah']);
  });

  it('keeps sangat rahasia for the kepala desa, terbatas from the camat, and every class from another village', async () => {
    await fileDocument(test.ctx, kades, { title: 'Dokumen sangat rahasia', accessClass: 'sangat_rahasia' });
    await fileDocument(test.ctx, operator, { title: 'Dokumen terbatas', accessClass: 'terbatas' });
    await fileDocument(test.ctx, operator, { title: 'Dokumen biasa' });
    const camat = await makeVillageStaff(test.ctx, 'camat', '36.04.05');
    const other = await makeVillageStaff(test.ctx, 'operator_desa', KIBIN);
    expect((await titles(kades)).sort()).toEqual([
      'Dokumen biasa',
      'Dokumen sangat rahasia',
      'Dokumen terbatas',
    ]);
    expect((await titles(sekdes)).sort()).toEqual(['Dokumen biasa', 'Dokumen terbatas']);
    expect(await titles(camat)).toEqual(['Dokumen biasa']);
    expect(await titles(other)).toEqual([]);
    expect((await search(as(camat), { term: 'dokumen terbatas' })).hits.map((h) => h.title)).toEqual([
      'Dokumen biasa',
    ]);
  });

  it('lets nobody file a document in a class they could not open', async () => {
    await expect(
      fileDocument(test.ctx, operator, { title: 'Coba rahasia', accessClass: 'rahasia' }),
    ).rejects.toMatchObject({ fields: { accessClass: expect.stringContaining('tidak dapat') } });
  });

  it('audits every download', async () => {
    const id = await fileDocument(test.ctx, operator, { title: 'Perdes APBDes' });
    const file = await downloadDocument(as(sekdes), id);
    expect(file.contentType).toBe('application/pdf');
    const lines = await test.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'entity_id'])
      .where('action', '=', 'archive_download')
      .execute();
    expect(lines).toEqual([{ action: 'archive_download', actor_id: sekdes.id, entity_id: id }]);
  });
});

describe('retention and deletion', () => {
  it('lists documents past their retention for destruction or review, never permanent ones', async () => {
    const old = await fileDocument(test.ctx, operator, {
      title: 'Laporan 2015',
      category: 'laporan',
      date: '2015-02-01',
    });
    await fileDocument(test.ctx, operator, {
      title: 'Laporan 2024',
      category: 'laporan',
      date: '2024-02-01',
    });
    await fileDocument(test.ctx, operator, { title: 'Perdes 2001', category: 'perdes', date: '2001-02-01' });
    const contract = await fileDocument(test.ctx, operator, {
      title: 'Kontrak 2010',
      category: 'kontrak',
      date: '2010-02-01',
    });
    const review = await retentionReview(as(operator));
    expect(review.due.map((d) => [d.id, d.disposition, d.retention_end])).toEqual([
      [contract, 'dinilai_kembali', '2020-02-01'],
      [old, 'musnah', '2020-02-01'],
    ]);
    expect(review.mayApprove).toBe(false);
  });

  it('destroys only what the kepala desa approves, with a reason and a berita acara; the record stays', async () => {
    const old = await fileDocument(test.ctx, operator, {
      title: 'Laporan 2015',
      category: 'laporan',
      date: '2015-02-01',
    });
    const reason = {
      ids: [old],
      reason: 'Retensi habis dan tidak bernilai guna lagi',
      minutesNumber: 'BA/01/2026',
    };
    await expect(approveDestruction(as(sekdes), reason)).rejects.toMatchObject({ status: 403 });
    await expect(approveDestruction(as(kades), { ids: [old] })).rejects.toMatchObject({
      fields: { reason: expect.any(String), minutesNumber: expect.any(String) },
    });
    const done = await approveDestruction(as(kades), reason);
    expect(done.destroyed).toBe(1);
    const detail = await documentFor(as(kades), old);
    expect(detail.doc.destroyed_at).not.toBeNull();
    expect(detail.destruction).toMatchObject({ minutes_number: 'BA/01/2026', documents: 1 });
    expect(detail.mayDownload).toBe(false);
    expect(await test.ctx.db.selectFrom('files').select('id').execute()).toEqual([]);
    expect((await retentionReview(as(kades))).due).toEqual([]);
  });

  it('deletes a document only as a recorded act of the kepala or sekretaris desa, with a reason', async () => {
    const id = await fileDocument(test.ctx, operator, { title: 'Salah unggah' });
    await expect(deleteDocument(as(operator), id, { reason: 'Berkas salah desa' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(deleteDocument(as(sekdes), id, { reason: '' })).rejects.toMatchObject({
      fields: { reason: expect.any(String) },
    });
    await deleteDocument(as(sekdes), id, { reason: 'Berkas milik desa lain, salah unggah' });
    expect(await titles(operator)).toEqual([]);
    const detail = await documentFor(as(sekdes), id);
    expect(detail.doc).toMatchObject({
      deleted_reason: 'Berkas milik desa lain, salah unggah',
      deleted_by: sekdes.id,
    });
    const audit = await test.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['archive_file', 'archive_delete']);
  });
});

describe('correcting a document’s details after the upload', () => {
  const corrected = {
    title: 'Peraturan Kepala Desa tentang Irigasi',
    number: '5 Tahun 2019',
    date: '2019-05-02',
    classification: '100.3.4',
    category: 'perkades',
    activeYears: '10',
    inactiveYears: '0',
    disposition: 'dinilai_kembali',
    accessClass: 'terbatas',
    location: 'Lemari 2, rak 3, map 14',
  };

  it('changes every field of the metadata and audits who changed what, old and new', async () => {
    await seedClassificationCodes(test.ctx);
    const id = await fileDocument(test.ctx, operator, { title: 'Perdes irigsi', date: '2019-05-01' });
    clock.set('2026-11-24T03:00:00Z');
    await editDocument(as(operator), id, corrected);
    const { doc, retention } = await documentFor(as(operator), id);
    expect(doc).toMatchObject({
      title: 'Peraturan Kepala Desa tentang Irigasi',
      category: 'perkades',
      disposition: 'dinilai_kembali',
      number: '5 Tahun 2019',
      document_date: '2019-05-02',
      classification: '100.3.4',
      active_years: 10,
      inactive_years: 0,
      access_class: 'terbatas',
      location: 'Lemari 2, rak 3, map 14',
    });
    expect(retention.activeUntil).toBe('2029-05-02');
    const audit = await test.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'at', 'detail'])
      .where('action', '=', 'archive_edit')
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(operator.id);
    expect(new Date(audit[0]!.at).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    const changes = (audit[0]!.detail as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
    expect(Object.keys(changes).sort()).toEqual([
      'access_class',
      'active_years',
      'category',
      'classification',
      'disposition',
      'document_date',
      'inactive_years',
      'location',
      'number',
      'title',
    ]);
    expect(changes.title).toEqual({ from: 'Perdes irigsi', to: 'Peraturan Kepala Desa tentang Irigasi' });
    expect(changes.access_class).toEqual({ from: 'biasa', to: 'terbatas' });
    // saving the same details again changes nothing and writes nothing
    await editDocument(as(operator), id, corrected);
    const again = await test.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'archive_edit')
      .execute();
    expect(again).toHaveLength(1);
  });

  it('says field by field what is wrong, a code outside the classification list among them, and saves nothing', async () => {
    await seedClassificationCodes(test.ctx);
    const id = await fileDocument(test.ctx, operator, { title: 'Laporan musyawarah desa' });
    const error = await editDocument(as(operator), id, {
      ...corrected,
      title: ' ',
      classification: '100.3.99',
      accessClass: 'rahasia',
    }).catch((e) => e);
    expect(error.fields).toEqual({
      title: 'Isi judul dokumen.',
      classification: expect.stringContaining('Kode 100.3.99 tidak ada atau tidak aktif'),
      accessClass: expect.stringContaining('tidak dapat'),
    });
    expect((await documentFor(as(operator), id)).doc.title).toBe('Laporan musyawarah desa');
  });

  it('files a document only under a code of the active classification list, not one merely shaped like it', async () => {
    await seedClassificationCodes(test.ctx);
    await expect(
      fileDocument(test.ctx, operator, { title: 'SK lama', classification: '470' }),
    ).rejects.toMatchObject({ fields: { classification: expect.stringContaining('Kode 470 tidak ada') } });
    const id = await fileDocument(test.ctx, operator, { title: 'SK baru', classification: '100.3.4' });
    expect((await documentFor(as(operator), id)).doc.classification).toBe('100.3.4');
  });

  it('takes a document out of the shared search index when it becomes rahasia, and back when it is biasa again', async () => {
    const id = await fileDocument(test.ctx, kades, { title: 'Peta batas tanah kas desa' });
    const found = async () => (await search(as(kades), { term: 'batas tanah' })).hits.map((h) => h.url);
    expect(await found()).toEqual([`/kelola/arsip/dokumen/${id}`]);
    const fields = { title: 'Peta batas tanah kas desa', date: '2019-03-01', category: 'perdes' };
    await editDocument(as(kades), id, { ...fields, accessClass: 'rahasia' });
    expect(await found()).toEqual([]);
    const rows = await test.ctx.db
      .selectFrom('search_documents')
      .select('ref_id')
      .where('ref_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
    // the archive's own page still finds it for those who may read rahasia
    expect(await titles(kades, 'batas')).toEqual(['Peta batas tanah kas desa']);
    await expect(editDocument(as(operator), id, { ...fields, accessClass: 'biasa' })).rejects.toMatchObject({
      status: 403,
    });
    await editDocument(as(kades), id, { ...fields, accessClass: 'biasa' });
    expect(await found()).toEqual([`/kelola/arsip/dokumen/${id}`]);
  });
});
