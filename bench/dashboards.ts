// Dashboard pages at regency scale (issue #17): REQUESTS service requests and COMPLAINTS reports
// spread over the 326 villages and the last 12 months (generated in SQL), then each staff page of
// `/kelola/statistik` as the camat and admin kabupaten see it, and the public `/statistik`: median
// and p95 of RUNS requests each. The pages count live (no rollup yet): this is what says whether
// one is needed.
// Run: SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//        node --import tsx bench/dashboards.ts       (REQUESTS, COMPLAINTS, RUNS to change the size)
import { sql } from 'kysely';
import { seedComplaintReference } from '../src/modules/complaints/service.ts';
import { makeApplicant, makeVillageOffice, prepareServices } from '../src/modules/services/test-builders.ts';
import { fixedClock } from '../src/platform/context.ts';
import { buildTestApp, loginAs, makeStaff } from '../src/testing.ts';
import { timePage } from './figures.ts';

const REQUESTS = Number(process.env.REQUESTS ?? 300_000);
const COMPLAINTS = Number(process.env.COMPLAINTS ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 10);

const test = await buildTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
const { ctx, app } = test;
const regency = ctx.config.regencyCode;
console.log(
  `database: ${test.kind}, ${REQUESTS.toLocaleString('en')} requests, ${COMPLAINTS.toLocaleString('en')} reports`,
);
await prepareServices(ctx);
await seedComplaintReference(ctx);
const office = await makeVillageOffice(ctx);
const applicant = await makeApplicant(ctx, office.operator);
const started = performance.now();
// every request by the same resident (the pages count requests, not people), finished ones 0–20 days after filing
await sql`
  INSERT INTO service_requests (code, village_code, service_id, service_version, resident_id, applicant, state,
    submitted_at, due_at, finished_at, created_at, updated_at)
  SELECT 'B' || g, v.code, s.id, s.current_version, ${applicant.id}, '{}',
    (ARRAY['siap_diambil','sudah_diambil','sudah_diambil','diperiksa','ditolak','belum_lengkap'])[1 + g % 6],
    t.at, t.at + interval '5 days',
    CASE WHEN g % 6 IN (0, 1, 2, 4) THEN t.at + make_interval(days => g % 21) END, t.at, t.at
  FROM generate_series(1, ${REQUESTS}) g
  JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM villages
        WHERE code LIKE ${`${regency}.%`}) v ON v.n = g % v.total
  JOIN (SELECT id, current_version, row_number() OVER (ORDER BY slug) - 1 AS n, count(*) OVER () AS total
        FROM services) s ON s.n = (g / 7) % s.total
  CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-12-01 00:00+07' - make_interval(mins => (g::bigint * 7919 % 525600)::int) AS at) t`.execute(
  ctx.db,
);
await sql`
  INSERT INTO complaints (ticket, village_code, kecamatan_code, category_code, title, description, lat, lng, state,
    handler_kind, handler_code, reporter_key_hash, source, verify_due_at, response_due_at, resolve_due_at,
    resolved_at, created_at, updated_at)
  SELECT 'BENCH-' || g, v.code, left(v.code, 8), c.code, 'Laporan uji', 'Laporan uji untuk pengukuran',
    -6.0 - (g % 300) / 1000.0, 106.0 + (g % 400) / 1000.0,
    (ARRAY['baru','diproses','selesai','selesai','selesai','diteruskan'])[1 + g % 6],
    'agency', 'DPUPR', 'bench', 'web', t.at + interval '1 day', t.at + interval '3 days', t.at + interval '14 days',
    CASE WHEN g % 6 IN (2, 3, 4) THEN t.at + make_interval(days => g % 20) END, t.at, t.at
  FROM generate_series(1, ${COMPLAINTS}) g
  JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total FROM villages
        WHERE code LIKE ${`${regency}.%`}) v ON v.n = (g * 13) % v.total
  JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total
        FROM complaint_categories) c ON c.n = g % c.total
  CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-12-01 00:00+07' - make_interval(mins => (g::bigint * 104729 % 525600)::int) AS at) t`.execute(
  ctx.db,
);
await sql`VACUUM (ANALYZE) service_requests`.execute(ctx.db);
await sql`VACUUM (ANALYZE) complaints`.execute(ctx.db);
console.log(`data generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const camat = await loginAs(app, await makeStaff(ctx, { role: 'camat', scope: `${regency}.05` }));
const admin = await loginAs(app, await makeStaff(ctx, { role: 'admin_kabupaten', scope: regency }));

const time = (label: string, visit: () => Promise<{ statusCode: number }>) => timePage(label, RUNS, visit);

const period = 'dari=2026-09-02&sampai=2026-12-01';
for (const [who, visitor] of [
  ['camat', camat],
  ['admin', admin],
] as const) {
  await time(`adopsi (${who})`, () => visitor.get('/kelola/statistik/adopsi'));
  await time(`layanan, 90 days (${who})`, () => visitor.get(`/kelola/statistik/layanan?${period}`));
  await time(`pengaduan, 90 days (${who})`, () => visitor.get(`/kelola/statistik/pengaduan?${period}`));
  await time(`sosial (${who})`, () => visitor.get('/kelola/statistik/sosial'));
}
await time('public /statistik', () => app.inject({ method: 'GET', url: '/statistik' }));
await test.close();
