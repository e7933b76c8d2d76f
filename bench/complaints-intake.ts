// Complaint figures: intake throughput of JSON reports (no photo) over real HTTP, and public-list
// latency with 200,000 reports in the database (HTML page, JSON API, Open311, map points).
// Run: node --import tsx bench/complaints-intake.ts            (embedded PGlite)
//      SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://… node --import tsx bench/complaints-intake.ts
// Options: REPORTS (default 200000), INTAKE (default 1000), CONCURRENCY (default 8).
import { sql } from 'kysely';
import { seedComplaintReference } from '../src/modules/complaints/service.ts';
import { buildTestApp, testConfig } from '../src/testing.ts';
import { median, p95 } from './figures.ts';

const REPORTS = Number(process.env.REPORTS ?? 200_000);
const INTAKE = Number(process.env.INTAKE ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const SAMPLES = 15;

// behind a proxy each request carries its client's address, as in production (TRUST_PROXY=1)
const test = await buildTestApp({ config: testConfig({ TRUST_PROXY: '1' }) });
const { ctx, app } = test;
await seedComplaintReference(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
console.log(`database: ${test.kind}`);

const villages = (
  await ctx.db
    .selectFrom('villages')
    .select('code')
    .where('code', 'like', `${ctx.config.regencyCode}.%`)
    .execute()
).map((v) => v.code);

// ---------- intake ----------
let next = 0;
const intakeTimes: number[] = [];
async function worker() {
  for (;;) {
    const i = next++;
    if (i >= INTAKE) return;
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/complaints`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      body: JSON.stringify({
        categoryCode: i % 3 === 0 ? 'SAMPAH' : 'JALAN_RUSAK',
        villageCode: villages[i % villages.length],
        title: `Laporan uji beban nomor ${i}`,
        description: 'Lubang besar di tengah jalan, berbahaya bagi pengendara motor di malam hari.',
        details: i % 3 === 0 ? {} : { panjang_km: 0.5, status_jalan: 'kabupaten' },
        lat: -6.05 - (i % 100) / 1000,
        lng: 106.1 + (i % 100) / 1000,
      }),
    });
    if (response.status !== 201) throw new Error(`intake ${i}: ${response.status} ${await response.text()}`);
    intakeTimes.push(performance.now() - started);
  }
}
const intakeStart = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const intakeSeconds = (performance.now() - intakeStart) / 1000;
console.log(
  `intake: ${INTAKE} JSON reports, ${CONCURRENCY} concurrent clients: ${(INTAKE / intakeSeconds).toFixed(1)} reports/s, ` +
    `median ${median(intakeTimes).toFixed(1)} ms, p95 ${p95(intakeTimes).toFixed(1)} ms per report`,
);

// ---------- 200,000 reports ----------
const loadStart = performance.now();
const chunk = 50_000;
for (let offset = 0; offset < REPORTS; offset += chunk) {
  const n = Math.min(chunk, REPORTS - offset);
  await sql`
    WITH v AS (SELECT array_agg(code ORDER BY code) AS codes FROM villages WHERE code LIKE ${`${ctx.config.regencyCode}.%`}),
    c AS (SELECT array_agg(code ORDER BY code) AS codes FROM complaint_categories),
    g AS (
      SELECT i,
        (SELECT codes[1 + ((i::bigint * 7919) % array_length(codes, 1))::int] FROM v) AS village,
        (SELECT codes[1 + ((i::bigint * 104729) % array_length(codes, 1))::int] FROM c) AS category,
        (ARRAY['baru','diverifikasi','diteruskan','diproses','dijadwalkan','selesai','ditolak','duplikat'])[1 + (i * 31) % 8] AS state,
        now() - ((i % 365) * interval '1 day') - ((i % 1440) * interval '1 minute') AS at
      FROM generate_series(${offset + 1}::int, ${offset + n}::int) AS i
    )
    INSERT INTO complaints (ticket, village_code, kecamatan_code, category_code, title, description, details, lat, lng,
      state, handler_kind, handler_code, confidential, reporter_key_hash, source, verify_due_at, response_due_at,
      resolve_due_at, created_at, updated_at)
    SELECT 'BEN-' || lpad(i::text, 9, '0'), village, substring(village FROM 1 FOR 8), category,
      'Laporan contoh ' || i, 'Uraian laporan contoh untuk uji latensi daftar publik nomor ' || i, '{}',
      -6.0 - (i % 500) / 2000.0, 106.0 + (i % 700) / 2000.0,
      state, 'agency', 'DPUPR', i % 10 = 0, md5(i::text), 'web', at + interval '3 days', at + interval '5 days',
      at + interval '20 days', at, at
    FROM g`.execute(ctx.db);
}
await sql`ANALYZE complaints`.execute(ctx.db);
const total = await ctx.db
  .selectFrom('complaints')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .executeTakeFirstOrThrow();
console.log(
  `loaded ${REPORTS} reports in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (table now ${total.n} rows)`,
);

async function measure(label: string, path: string) {
  const times: number[] = [];
  let bytes = 0;
  // the server closed the idle keep-alive socket during the long load: warm up on a fresh one
  await fetch(`${base}${path}`).catch(() => fetch(`${base}${path}`));
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
    times.push(performance.now() - started);
    bytes = body.length;
  }
  console.log(
    `${label.padEnd(44)} median ${median(times).toFixed(1).padStart(7)} ms   p95 ${p95(times).toFixed(1).padStart(7)} ms   ${(bytes / 1024).toFixed(1)} KB`,
  );
}

const kecamatan = villages[0]!.split('.').slice(0, 3).join('.');
await measure('GET /pengaduan (form + list page 1)', '/pengaduan');
await measure('GET /pengaduan?kategori=JALAN_RUSAK', '/pengaduan?kategori=JALAN_RUSAK');
await measure(
  `GET /pengaduan?kecamatan=${kecamatan}&status=baru`,
  `/pengaduan?kecamatan=${kecamatan}&status=baru`,
);
await measure('GET /pengaduan?page=500 (deep page)', '/pengaduan?page=500');
await measure('GET /api/v1/complaints', '/api/v1/complaints');
await measure('GET /pengaduan/peta.json (500 points)', '/pengaduan/peta.json');
await measure('GET /open311/v2/requests.json (≤1000)', '/open311/v2/requests.json');
await measure('GET /open311/v2/requests.xml (≤1000)', '/open311/v2/requests.xml');

await test.close();
