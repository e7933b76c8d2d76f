import { sql } from 'kysely';
import { fixedClock } from '../src/platform/context.ts';
import { buildTestApp, loginAs, makeStaff } from '../src/testing.ts';
const test = await buildTestApp({ clock: fixedClock('2026-12-01T02:00:00Z'), keptDatabase: 'simpul_bench_full' });
const { ctx, app } = test;
const camat = await loginAs(app, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
const admin = await loginAs(app, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
const period = 'dari=2026-09-02&sampai=2026-12-01';
const pages: Array<[string, () => Promise<unknown>]> = [
  ['layanan camat', () => camat.get(`/kelola/statistik/layanan?${period}`)],
  ['sosial camat', () => camat.get('/kelola/statistik/sosial')],
  ['pengaduan camat', () => camat.get(`/kelola/statistik/pengaduan?${period}`)],
  ['statistik', () => app.inject({ method: 'GET', url: '/statistik' })],
];
for (const [name, visit] of pages) {
  for (let i = 0; i < 3; i++) await visit();
  await sql`SELECT pg_stat_reset()`.execute(ctx.db).catch(() => {});
  await sql`SELECT 'PROBE START ' || ${name}`.execute(ctx.db);
  const t = performance.now();
  await visit();
  const ms = performance.now() - t;
  await sql`SELECT 'PROBE END ' || ${name}`.execute(ctx.db);
  console.log(name, ms.toFixed(0), 'ms');
}
await test.close();
