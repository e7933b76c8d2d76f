// "Kerja saya" (issue #17): what the officer's own queue and the menu's count cost per page.
// One village office with REQUESTS letter requests at the operator's check and REPORTS road
// reports routed to DPUPR, then the median and p95 of: the operator's work list and work count read
// in-process (what the menu's count cost before and costs now), the operator's /kelola/kerja, a
// plain staff page (/kelola/akun, where the menu's count is the only work), DPUPR's /kelola/kerja,
// and the admin's /kelola/kerja/kinerja once half the requests are issued.
// Run: node --import tsx bench/work-queue.ts
//   BENCH_DB (pglite) pglite or postgres; BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres)
//   REQUESTS (300), REPORTS (100), RUNS (21)
import { median, p95 } from './figures.ts';

const BENCH_DB = process.env.BENCH_DB ?? 'pglite';
if (BENCH_DB === 'postgres') {
  process.env.SIMPUL_TEST_DB = 'postgres';
  process.env.TEST_DATABASE_URL =
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
} else process.env.SIMPUL_TEST_DB = 'pglite';
const { buildTestApp, loginAs, makeStaff } = await import('../src/testing.ts');
const { withActor } = await import('../src/platform/context.ts');
const { approveStep, startRequest } = await import('../src/modules/services/service.ts');
const { makeApplicant, makeVillageOffice, prepareServices, requestInput } = await import(
  '../src/modules/services/test-builders.ts'
);
const { seedComplaintReference } = await import('../src/modules/complaints/service.ts');
const { fileRoadReport } = await import('../src/modules/complaints/test-builders.ts');
const { modules } = await import('../src/modules/index.ts');
const { readWorkCount, readWorkList } = await import('../src/platform/work/index.ts');

const REQUESTS = Number(process.env.REQUESTS ?? 300);
const REPORTS = Number(process.env.REPORTS ?? 100);
const RUNS = Number(process.env.RUNS ?? 21);

const test = await buildTestApp();
console.log(`database: ${test.kind}`);
await prepareServices(test.ctx);
await seedComplaintReference(test.ctx);
const office = await makeVillageOffice(test.ctx);
const applicant = await makeApplicant(test.ctx, office.operator);
const input = await requestInput(
  { keperluan: 'Membuka rekening bank' },
  { attachments: ['foto_ktp', 'pengantar_rt'] },
);
const ids: string[] = [];
for (let i = 0; i < REQUESTS; i++)
  ids.push((await startRequest(withActor(test.ctx, applicant), 'keterangan-domisili', input)).id);
for (let i = 0; i < REPORTS; i++) await fileRoadReport(test.ctx);
console.log(`data: ${REQUESTS} requests at the operator's check, ${REPORTS} reports routed to DPUPR`);

async function timed(label: string, visitor: Awaited<ReturnType<typeof loginAs>>, url: string) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const page = await visitor.get(url);
    times.push(performance.now() - start);
    if (page.statusCode !== 200) throw new Error(`${url}: ${page.statusCode}`);
  }
  console.log(`${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms`);
}

/**
 * The same in-process, without HTTP: what the menu's count costs, by the whole list (as before
 * workCount) and by the counts, the two calls alternated so that a busy machine slows both alike.
 */
const asOperator = withActor(test.ctx, office.operator);
const byList: number[] = [];
const byCount: number[] = [];
for (let i = 0; i < RUNS; i++) {
  for (const [times, call] of [
    [byList, () => readWorkList(asOperator, modules)],
    [byCount, () => readWorkCount(asOperator, modules)],
  ] as const) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
}
for (const [label, times] of [
  ["operator's menu count by readWorkList (the whole list, as before)", byList],
  ["operator's menu count by readWorkCount (the workCount queries)", byCount],
] as const)
  console.log(`${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms`);

const operator = await loginAs(test.app, office.operator);
const dpupr = await loginAs(test.app, await makeStaff(test.ctx, { role: 'opd', scope: 'DPUPR' }));
await timed(`operator /kelola/kerja (${REQUESTS} items)`, operator, '/kelola/kerja');
await timed('operator /kelola/akun (the menu count only)', operator, '/kelola/akun');
await timed(`DPUPR /kelola/kerja (${REPORTS} items)`, dpupr, '/kelola/kerja');

for (const id of ids.slice(0, REQUESTS / 2)) {
  await approveStep(withActor(test.ctx, office.operator), id);
  await approveStep(withActor(test.ctx, office.kades), id);
}
const admin = await loginAs(test.app, await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }));
await timed(`admin /kelola/kerja/kinerja (${REQUESTS / 2} letters issued)`, admin, '/kelola/kerja/kinerja');
await test.close();
