// Dashboard pages at regency scale (issue #17): REQUESTS service requests and COMPLAINTS reports
// spread over the 326 villages and the last 12 months (generated in SQL); the two daily rollups
// refreshed in full, then incrementally after a day's worth of changes (timed, and checked equal
// to the live counts); then each staff page of `/kelola/statistik` as the camat and admin
// kabupaten see it, and the public `/statistik`: median and p95 of RUNS requests each.
// `--full` adds the rest of the issue's data set first: 1.6 M residents (the residents generator,
// imported by `importResidents`) and 100,000 children × 12 months (bench/health-data.ts).
// Run: SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//        node --import tsx bench/dashboards.ts [--full]   (REQUESTS, COMPLAINTS, RUNS to change the size)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { complaintStats, complaintStatsLive } from '../src/modules/complaints/dashboard-stats.ts';
import { refreshComplaintRollup, seedComplaintReference } from '../src/modules/complaints/service.ts';
import { generateResidents, villagesOf } from '../src/modules/residents/generator.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from '../src/modules/residents/opensid.ts';
import { importResidents } from '../src/modules/residents/service.ts';
import { refreshSpeedRollup } from '../src/modules/services/rollup.ts';
import { speedReport, speedReportLive } from '../src/modules/services/speed-report.ts';
import { makeApplicant, makeVillageOffice, prepareServices } from '../src/modules/services/test-builders.ts';
import { fixedClock, withActor } from '../src/platform/context.ts';
import { buildTestApp, loginAs, makeStaff } from '../src/testing.ts';
import { timePage } from './figures.ts';
import { generateHealthData } from './health-data.ts';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } } });

const REQUESTS = Number(process.env.REQUESTS ?? 300_000);
const COMPLAINTS = Number(process.env.COMPLAINTS ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 10);

// KEEP_DB=name: the data set goes into that database on the test server and stays there; a later
// run with the same name finds it loaded and only migrates, refreshes and measures
const keptDatabase = process.env.KEEP_DB;
const test = await buildTestApp({
  clock: fixedClock('2026-12-01T02:00:00Z'),
  ...(keptDatabase ? { keptDatabase } : {}),
});
const { ctx, app } = test;
const regency = ctx.config.regencyCode;
console.log(
  `database: ${test.kind}${keptDatabase ? ` (kept: ${keptDatabase})` : ''}, ${REQUESTS.toLocaleString('en')} requests, ${COMPLAINTS.toLocaleString('en')} reports`,
);
const countOf = async (table: 'service_requests' | 'residents' | 'health_measurements') =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(ctx.db)).rows[0]?.n,
  );
if ((await countOf('service_requests')) < REQUESTS) await generateRequestsAndComplaints();
else console.log('requests and reports: already in the kept database');

async function generateRequestsAndComplaints() {
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
  console.log(`data generated in ${seconds(started)} s`);
}

const full = await timed(async () => [
  await refreshSpeedRollup(ctx, { full: true }),
  await refreshComplaintRollup(ctx, { full: true }),
]);
console.log(
  `rollup refresh, full: services ${full.value[0]?.days} days + complaints ${full.value[1]?.days} days in ${full.ms.toFixed(0)} ms`,
);
// a busy day's changes: 1,000 requests issued and 1,000 reports resolved (spread over the year)
await sql`UPDATE service_requests SET state = 'siap_diambil', finished_at = submitted_at + interval '4 days'
  WHERE state = 'diperiksa' AND substr(code, 2)::int % 50 = 3`.execute(ctx.db);
await sql`UPDATE complaints SET state = 'selesai', resolved_at = created_at + interval '6 days'
  WHERE state = 'baru' AND substr(ticket, 7)::int % 35 = 6`.execute(ctx.db);
const incremental = await timed(async () => [
  await refreshSpeedRollup(ctx),
  await refreshComplaintRollup(ctx),
]);
console.log(
  `rollup refresh, incremental: services ${incremental.value[0]?.days} days + complaints ${incremental.value[1]?.days} days in ${incremental.ms.toFixed(0)} ms`,
);
for (const table of [
  'service_requests',
  'complaints',
  'service_speed_daily',
  'service_speed_durations',
  'complaint_daily',
])
  await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(ctx.db);
await compareWithLive();
if (values.full && (await countOf('residents')) < 1_600_000) await loadResidentsAndHealth();
else if (values.full) console.log('residents and health: already in the kept database');

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** The rollup-backed reports equal the live counts (admin, the 90 days the pages are timed over). */
async function compareWithLive() {
  const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: regency }));
  const period = { from: new Date('2026-09-01T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') };
  const speed = await timed(() => speedReport(admin, { ...period, grouping: 'both' }));
  const speedLive = await timed(() => speedReportLive(admin, { ...period, grouping: 'both' }));
  const { refreshedAt: _, ...stats } = await complaintStats(ctx, { region: regency }, period);
  const statsLive = await complaintStatsLive(ctx, { region: regency }, period);
  const round = (v: unknown) =>
    JSON.stringify(v, (_k, x) => (typeof x === 'number' ? Math.round(x * 1e6) : x));
  console.log(
    `rollup = live: services ${round(speed.value) === round(speedLive.value) ? 'yes' : 'NO'} (${speed.ms.toFixed(0)} vs ${speedLive.ms.toFixed(0)} ms), complaints ${round(stats) === round(statsLive) ? 'yes' : 'NO'}`,
  );
}

/** The rest of the issue's data set: 1.6 M residents through the import, 100,000 children × 12 months. */
async function loadResidentsAndHealth() {
  const t0 = performance.now();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-dash-')), 'residents.csv');
  const out = fs.createWriteStream(file);
  let chunk = `${csvLine(EXPORT_COLUMNS)}`;
  const rows = { count: 1_600_000, villages: villagesOf(regency), seed: 1, today: '2026-11-22' };
  for (const r of generateResidents(rows)) {
    chunk += csvLine(exportRow(r));
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((done) => out.end(() => done()));
  const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: regency }));
  const summary = await importResidents(admin, {
    path: file,
    fileName: file,
    regionCode: regency,
    mode: 'valid_rows',
    errorFile: null,
  });
  fs.rmSync(path.dirname(file), { recursive: true });
  console.log(`residents: ${summary.inserted.toLocaleString('en')} imported in ${seconds(t0)} s`);
  const t1 = performance.now();
  await generateHealthData(ctx, 100_000);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_measurements`.execute(ctx.db);
  console.log(`health: ${Number(n.rows[0]?.n).toLocaleString('en')} measurements in ${seconds(t1)} s`);
  for (const table of ['residents', 'health_measurements', 'health_children', 'health_monthly_village'])
    await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(ctx.db);
}

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
