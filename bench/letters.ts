// Letter figures: PDF render throughput of surat keterangan on one core (sequential renders with
// varied names and numbers, after a warm-up), per-letter latency, PDF size and peak memory.
// Then the whole signing step through the request engine (number taken in the transaction, PDF,
// file, register row) and the public verification latency (page, API, PDF upload check) against
// the embedded database, or PostgreSQL with SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://….
// Run: node --import tsx bench/letters.ts [--count 500] [--issue 200]
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import type { LetterDocument } from '../src/modules/letters/document.ts';
import { renderLetterPdf } from '../src/modules/letters/pdf.ts';
import { approveStep, requestLetterPdf, startRequest } from '../src/modules/services/service.ts';
import {
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  requestInput,
} from '../src/modules/services/test-builders.ts';
import { withActor } from '../src/platform/context.ts';
import { createTestContext } from '../src/testing.ts';
import { median, p95 } from './figures.ts';

const WARMUP = 20;
const ROUNDS = 5;

const GIVEN = ['SITI', 'AHMAD', 'DEWI', 'RUDI', 'NURUL', 'AGUS', 'RINA', 'HENDRA', 'YULI', 'IWAN'];
const FAMILY = ['NURHALIZA', 'SUBAGJA', 'LESTARI', 'HIDAYAT', 'FAUZIAH', 'SETIAWAN', 'MAULANA', 'SAPUTRA'];
const KAMPUNG = ['Kramat Baru', 'Pejaten', 'Terate', 'Margasana', 'Kibin Hilir', 'Tonjong'];

function sampleLetter(i: number): LetterDocument {
  const name = `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`;
  const number = `474.1/${String((i % 999) + 1).padStart(3, '0')}/Ds-Kramatwatu/XII/2026`;
  const code = (1_000_003 * (i + 1)).toString(36).toUpperCase().padStart(10, 'K');
  const kampung = KAMPUNG[i % KAMPUNG.length];
  return {
    letterhead: {
      government: 'PEMERINTAH KABUPATEN SERANG',
      subdivision: 'KECAMATAN KRAMATWATU',
      office: 'DESA KRAMATWATU',
      address: 'Jl. Raya Serang–Cilegon Km. 8, Kramatwatu, Serang 42161 · desa.kramatwatu@serangkab.go.id',
      logo: null,
    },
    title: i % 2 ? 'SURAT KETERANGAN DOMISILI' : 'SURAT KETERANGAN USAHA',
    number,
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa Kramatwatu, Kecamatan Kramatwatu, Kabupaten Serang, ' +
      'menerangkan dengan sebenarnya bahwa:',
    rows: [
      ['Nama', name],
      ['NIK', `3604054${String(100_000_000 + i).slice(-9)}`],
      ['Tempat/Tgl. Lahir', `Serang, ${(i % 28) + 1} Maret ${1960 + (i % 45)}`],
      ['Jenis Kelamin', i % 2 ? 'Perempuan' : 'Laki-laki'],
      ['Pekerjaan', i % 3 ? 'Wiraswasta' : 'Karyawan Swasta'],
      [
        'Alamat',
        `Kp. ${kampung} RT 00${(i % 9) + 1}/RW 00${(i % 5) + 1}, Desa Kramatwatu, Kecamatan Kramatwatu`,
      ],
    ],
    paragraphs: [
      `Orang tersebut di atas benar berdomisili di Kp. ${kampung}, Desa Kramatwatu, Kecamatan Kramatwatu, ` +
        'Kabupaten Serang, sejak tahun 2015 sampai dengan sekarang.',
    ],
    closing: 'Demikian surat keterangan ini kami buat untuk dipergunakan sebagaimana mestinya.',
    placeAndDate: 'Kramatwatu, 1 Desember 2026',
    signature: {
      onBehalf: i % 4 ? null : 'a.n. Kepala Desa Kramatwatu',
      position: i % 4 ? 'Kepala Desa Kramatwatu' : 'Sekretaris Desa',
      name: 'H. AHMAD SUBAGJA, S.Sos.',
      employeeNumber: i % 4 ? null : '19800101 200501 1 003',
      note: 'Ditandatangani secara elektronik',
    },
    verification: { url: `https://simpul.serangkab.go.id/verifikasi/${code}`, code },
    validUntil: i % 2 ? '1 Juni 2027' : null,
    metadata: {
      title: `Surat Keterangan ${number}`,
      author: 'Desa Kramatwatu',
      subject: `Surat keterangan untuk ${name}`,
      createdAt: new Date('2026-12-01T03:00:00Z'),
    },
  };
}

interface RenderFigures {
  count: number;
  lettersPerSecond: number;
  medianMs: number;
  p95Ms: number;
  averageBytes: number;
  peakRssMb: number;
}

/** Renders `count` letters per round, one after another, and returns the figures (median of the rounds). */
async function renderBenchmark(count: number): Promise<RenderFigures> {
  const letters = Array.from({ length: count }, (_, i) => sampleLetter(i));
  for (let i = 0; i < WARMUP; i++) await renderLetterPdf(sampleLetter(count + i));
  const rates: number[] = [];
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (const letter of letters) {
      const begin = performance.now();
      const pdf = await renderLetterPdf(letter);
      times.push(performance.now() - begin);
      bytes += pdf.length;
    }
    rates.push((count * 1000) / (performance.now() - started));
  }
  return {
    count,
    lettersPerSecond: median(rates),
    medianMs: median(times),
    p95Ms: p95(times),
    averageBytes: bytes / (count * ROUNDS),
    // maxRSS is the process's high-water mark in KiB
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function printRenderFigures(figures: RenderFigures): void {
  console.log(`letter PDF render, ${figures.count} letters × ${ROUNDS} rounds, sequential, one core`);
  console.log(`  throughput:  ${figures.lettersPerSecond.toFixed(1)} letters/s (median of ${ROUNDS} rounds)`);
  console.log(`  per letter:  median ${figures.medianMs.toFixed(2)} ms, p95 ${figures.p95Ms.toFixed(2)} ms`);
  console.log(`  PDF size:    ${(figures.averageBytes / 1024).toFixed(1)} KB on average`);
  console.log(`  peak RSS:    ${figures.peakRssMb.toFixed(0)} MB`);
}

/** Signs `count` requests one after another through the engine, then times public verification. */
async function issueAndVerifyBenchmark(count: number): Promise<void> {
  const test = await createTestContext();
  const { ctx } = test;
  await prepareServices(ctx);
  const office = await makeVillageOffice(ctx);
  const applicant = await makeApplicant(ctx, office.operator);
  const input = await requestInput({ keperluan: 'Melamar pekerjaan' }, { attachments: ['foto_ktp'] });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await startRequest(withActor(ctx, applicant), 'pengantar-skck', input);
    await approveStep(withActor(ctx, office.operator), id);
    ids.push(id);
  }
  const signTimes: number[] = [];
  const started = performance.now();
  for (const id of ids) {
    const begin = performance.now();
    await approveStep(withActor(ctx, office.kades), id);
    signTimes.push(performance.now() - begin);
  }
  const signRate = (count * 1000) / (performance.now() - started);
  const letters = await ctx.db.selectFrom('letters').select(['verification_code', 'request_id']).execute();
  const app = await buildApp({ config: test.config, db: ctx.db, logger: false });
  const time = async (run: () => Promise<number>, runs = 300) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const begin = performance.now();
      const status = await run();
      if (status !== 200) throw new Error(`verification answered ${status}`);
      times.push(performance.now() - begin);
    }
    return times;
  };
  const pick = (i: number) => letters[(i * 7919) % letters.length]!;
  let n = 0;
  const page = await time(
    async () => (await app.inject({ url: `/verifikasi/${pick(n++).verification_code}` })).statusCode,
  );
  const api = await time(
    async () =>
      (await app.inject({ url: `/api/v1/letters/verify/${pick(n++).verification_code}` })).statusCode,
  );
  const sample = pick(0);
  const pdf = (await requestLetterPdf(withActor(ctx, applicant), sample.request_id ?? '')).bytes;
  const boundary = 'simpulbench';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="pdf"; filename="surat.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  // the upload check is a public form: CSRF applies, so the bench fetches a token like a browser
  const form = await app.inject({ url: `/verifikasi/${sample.verification_code}` });
  const token = /_csrf=([^"&]+)/.exec(form.body)?.[1] ?? '';
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const upload = await time(
    async () =>
      (
        await app.inject({
          method: 'POST',
          url: `/verifikasi/${sample.verification_code}?_csrf=${token}`,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
          payload: body,
        })
      ).statusCode,
    // the upload check is limited to 30 a minute per address; stay under it
    25,
  );
  console.log(`\nsigning through the engine (${test.kind}), ${count} letters one after another`);
  console.log(
    `  throughput:  ${signRate.toFixed(1)} letters/s (number, PDF, file, register row, history, one transaction)`,
  );
  console.log(
    `  per letter:  median ${median(signTimes).toFixed(1)} ms, p95 ${p95(signTimes).toFixed(1)} ms`,
  );
  console.log(`public verification (${test.kind}), 300 requests each (25 uploads), in-process HTTP`);
  console.log(
    `  GET /verifikasi/{code}            median ${median(page).toFixed(2)} ms, p95 ${p95(page).toFixed(2)} ms`,
  );
  console.log(
    `  GET /api/v1/letters/verify/{code} median ${median(api).toFixed(2)} ms, p95 ${p95(api).toFixed(2)} ms`,
  );
  console.log(
    `  POST PDF check (${(pdf.length / 1024).toFixed(0)} KB)        median ${median(upload).toFixed(2)} ms, p95 ${p95(upload).toFixed(2)} ms`,
  );
  await app.close();
  await test.close();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '500' }, issue: { type: 'string', default: '200' } },
  });
  const count = Number(values.count);
  const issue = Number(values.issue);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--count must be a positive integer, not ${values.count}`);
  printRenderFigures(await renderBenchmark(count));
  if (issue > 0) await issueAndVerifyBenchmark(issue);
}

await main();
