// Archive documents (issue #16 part 2): search latency at 100,000 documents, OCR pages per minute,
// upload throughput. Prints figures; asserts nothing.
//
// Run: SIMPUL_TEST_DB=pglite node --import tsx bench/archive-search.ts [--count 100000] [--runs 15]
//      SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/archive-search.ts
// The documents (generated Indonesian-like text, ~80 words each) go into a fresh test database,
// spread over the 20 villages of one kecamatan, by batched INSERT … SELECT FROM unnest.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { extractText } from '../src/modules/archive/documents/extract.ts';
import { listArchive, uploadDocuments } from '../src/modules/archive/documents/service.ts';
import { makeVillageStaff, scanJpeg, tinyPdf } from '../src/modules/archive/documents/test-builders.ts';
import { withActor } from '../src/platform/context.ts';
import { saveFile } from '../src/platform/files/index.ts';
import { createTestContext, testDatabaseKind } from '../src/testing.ts';
import { median, p95 } from './figures.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '100000' }, runs: { type: 'string', default: '15' } },
});
const COUNT = Number(values.count);
const RUNS = Number(values.runs);
const KECAMATAN = '36.04.05';
const VILLAGES = Array.from({ length: 20 }, (_, i) => `${KECAMATAN}.${String(2001 + i)}`);

const WORDS = `desa warga jalan saluran irigasi balai dusun kepala sekretaris musyawarah anggaran dana
  pembangunan pemeliharaan perbaikan diperbaiki dibangun membangun pasar tanah sawah kebun batas
  sertifikat jembatan posyandu sekolah masjid lapangan air bersih listrik penerangan lampu
  keputusan peraturan laporan kegiatan pelaksanaan pengadaan barang jasa kontrak perjanjian
  bantuan sosial keluarga penduduk kader kesehatan gizi anak ibu hamil pelayanan administrasi
  surat keterangan domisili usaha mikro kecil koperasi badan usaha milik desa pendapatan belanja`
  .split(/\s+/)
  .filter(Boolean);
const NAMES = [
  'Suherman',
  'Jaelani',
  'Siti Aminah',
  'Ahmad Fauzi',
  'Nurhayati',
  'Rudi Hartono',
  'Dede Kurnia',
];

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const sentence = (n: number) => Array.from({ length: n }, () => WORDS[rand(WORDS.length)]).join(' ');

const test = await createTestContext();
const { ctx } = test;
const kind = testDatabaseKind();
try {
  const file = await saveFile(ctx, {
    bytes: tinyPdf('bench'),
    contentType: 'application/pdf',
    name: 'b.pdf',
  });
  const started = Date.now();
  const BATCH = 2000;
  for (let i = 0; i < COUNT; i += BATCH) {
    const n = Math.min(BATCH, COUNT - i);
    const cols = {
      village: [] as string[],
      sha: [] as string[],
      title: [] as string[],
      number: [] as string[],
      date: [] as string[],
      category: [] as string[],
      access: [] as string[],
      text: [] as string[],
    };
    for (let j = 0; j < n; j++) {
      const k = i + j;
      cols.village.push(VILLAGES[k % VILLAGES.length]!);
      cols.sha.push(createHash('sha256').update(String(k)).digest('hex'));
      cols.title.push(
        `${['Peraturan Desa', 'SK Kepala Desa', 'Laporan', 'Berita Acara'][k % 4]} tentang ${sentence(4)} ${NAMES[rand(NAMES.length)]}`,
      );
      cols.number.push(`${100 + (k % 900)}/${String(k % 97).padStart(2, '0')}/${1990 + (k % 36)}`);
      cols.date.push(`${1990 + (k % 36)}-${String(1 + (k % 12)).padStart(2, '0')}-15`);
      cols.category.push(['perdes', 'sk_kades', 'laporan', 'musdes'][k % 4]!);
      cols.access.push(k % 7 === 0 ? 'rahasia' : k % 7 === 1 ? 'terbatas' : 'biasa');
      cols.text.push(sentence(80));
    }
    await sql`
      INSERT INTO archive_documents (village_code, file_id, sha256, content_type, size, file_name, title, number,
        document_date, category, active_years, inactive_years, disposition, access_class, text, extraction_state)
      SELECT v, ${file.id}::uuid, s, 'application/pdf', 1000, 'b.pdf', t, nr, d::date, c, 2, 3, 'musnah', a, x, 'selesai'
      FROM unnest(${cols.village}::text[], ${cols.sha}::text[], ${cols.title}::text[], ${cols.number}::text[],
        ${cols.date}::text[], ${cols.category}::text[], ${cols.access}::text[], ${cols.text}::text[]) AS u(v, s, t, nr, d, c, a, x)`.execute(
      ctx.db,
    );
  }
  await sql`ANALYZE archive_documents`.execute(ctx.db);
  console.log(`${kind}: ${COUNT} documents loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const operator = await makeVillageStaff(ctx, 'operator_desa', VILLAGES[0]);
  const kades = await makeVillageStaff(ctx, 'kepala_desa', VILLAGES[0]);
  const camat = await makeVillageStaff(ctx, 'camat', KECAMATAN);
  const admin = await makeVillageStaff(ctx, 'admin_kabupaten', '36.04');
  const cases: Array<[string, typeof operator, Parameters<typeof listArchive>[1]]> = [
    ['operator, word "perbaikan"', operator, { q: 'perbaikan' }],
    ['operator, two words', operator, { q: 'saluran irigasi' }],
    ['kepala desa, word + year + category', kades, { q: 'jembatan', year: '2019', category: 'perdes' }],
    ['operator, number "141/07"', operator, { q: '141/07' }],
    ['operator, misspelt name "Suherman" as "suhermann"', operator, { q: 'suhermann' }],
    ['camat (20 villages), word "sertifikat"', camat, { q: 'sertifikat' }],
    ['admin (regency), word "posyandu", page 3', admin, { q: 'posyandu', page: 3 }],
    ['operator, list newest first', operator, {}],
  ];
  for (const [label, actor, input] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const listing = await listArchive(withActor(ctx, actor), input);
      times.push(performance.now() - t0);
      total = listing.total;
    }
    console.log(
      `${kind}: ${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms (${total} hits)`,
    );
  }

  const scan = scanJpeg();
  const ocrTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await extractText(scan, 'image/jpeg', async () => undefined);
    ocrTimes.push(performance.now() - t0);
  }
  console.log(
    `OCR: ${(60_000 / median(ocrTimes)).toFixed(1)} pages per minute (median ${median(ocrTimes).toFixed(0)} ms a page, fixture scan)`,
  );

  const uploader = await makeVillageStaff(ctx, 'operator_desa', VILLAGES[1]);
  const files = Array.from({ length: 30 }, (_, i) => ({
    filename: `u${i}.pdf`,
    bytes: Buffer.concat([tinyPdf(`Unggah ${i}`), Buffer.alloc(500_000, i)]),
  }));
  const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
  const t0 = performance.now();
  for (let i = 0; i < files.length; i += 10)
    await uploadDocuments(withActor(ctx, uploader), {
      fields: { date: '2020-01-01', category: 'laporan' },
      files: files.slice(i, i + 10),
    });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `upload (service, 30 files of 0.5 MB in batches of 10): ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s, ${(files.length / seconds).toFixed(1)} files/s`,
  );
} finally {
  await test.close();
}
