// Stunting figures pages at regency scale (issue #14): 100,000 children under five spread over the
// 326 villages (one posyandu each), 12 monthly measurements each (1.1 M rows, z-scores spread
// from −5 to +3, a few flagged implausible; the rollup kept by the insert's trigger, then rebuilt
// once and timed), then the kecamatan and regency pages
// `/kelola/kesehatan/angka` as the camat and admin kabupaten see them: median and p95 of RUNS
// requests each, and the figures of `/api/v1/figures` for the regency.
// Run: SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//        node --import tsx bench/health-figures.ts        (CHILDREN, RUNS to change the size)
import { sql } from 'kysely';
import { regionSummary, trend } from '../src/modules/health/figures.ts';
import * as repo from '../src/modules/health/figures-repo.ts';
import { rebuildRollup } from '../src/modules/health/rollup.ts';
import { buildTestApp, loginAs, makeStaff } from '../src/testing.ts';
import { timePage } from './figures.ts';
import { generateHealthData } from './health-data.ts';

const CHILDREN = Number(process.env.CHILDREN ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 20);
const MONTH = '2026-11';

const test = await buildTestApp();
const { ctx, app } = test;
console.log(`database: ${test.kind}, ${CHILDREN.toLocaleString('en')} children × 12 months`);
const regency = ctx.config.regencyCode;
const started = performance.now();
await generateHealthData(ctx, CHILDREN);
const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM health_measurements`.execute(ctx.db);
console.log(
  `data: ${rows.rows[0]!.n.toLocaleString('en')} measurements in ${((performance.now() - started) / 1000).toFixed(1)} s (rollup kept by the insert's trigger)`,
);
// the full rebuild (after a restore or a TRUNCATE), timed once
const rebuilding = performance.now();
const rollupRows = await rebuildRollup(ctx.db);
console.log(
  `rollup rebuild: ${rollupRows.toLocaleString('en')} posyandu-months in ${((performance.now() - rebuilding) / 1000).toFixed(1)} s`,
);
// what autovacuum does soon after a bulk load (the under-five count is an index-only scan)
await sql`VACUUM (ANALYZE) health_measurements`.execute(ctx.db);
await sql`VACUUM (ANALYZE) health_children`.execute(ctx.db);
await sql`VACUUM (ANALYZE) health_monthly_village`.execute(ctx.db);

const camat = await loginAs(app, await makeStaff(ctx, { role: 'camat', scope: `${regency}.05` }));
const admin = await loginAs(app, await makeStaff(ctx, { role: 'admin_kabupaten', scope: regency }));

const time = (label: string, visit: () => Promise<{ statusCode: number }>) => timePage(label, RUNS, visit);

await time('kecamatan page (camat)', () =>
  camat.get(`/kelola/kesehatan/angka?wilayah=${regency}.05&bulan=${MONTH}`),
);
await time('regency page (admin)', () =>
  admin.get(`/kelola/kesehatan/angka?wilayah=${regency}&bulan=${MONTH}`),
);
await time('regency figures API (admin)', () =>
  admin.get(`/api/v1/figures?region=${regency}&name=health.stuntingPercent`),
);
// where a regency page's time goes: each of its queries alone
const ok = (work: () => Promise<unknown>) => async () => {
  await work();
  return { statusCode: 200 };
};
await time(
  '  regency month summary',
  ok(() => regionSummary(ctx, regency, MONTH)),
);
await time(
  '  regency 12-month trend',
  ok(() => trend(ctx, regency, MONTH)),
);
await time(
  '  regency breakdown counts',
  ok(() => repo.monthCountsBy(ctx.db, regency, `${MONTH}-01`, 'kecamatan')),
);
await time(
  '  regency registered under five (direct count)',
  ok(() => repo.registeredUnderFive(ctx.db, regency, `${MONTH}-30`)),
);
await time(
  '  kecamatan registered under five (direct count)',
  ok(() => repo.registeredUnderFive(ctx.db, `${regency}.05`, `${MONTH}-30`)),
);
await time(
  '  regency breakdown registered',
  ok(() => repo.registeredUnderFiveBy(ctx.db, regency, `${MONTH}-30`, 'kecamatan')),
);
await test.close();
