// A village home page under load (issue #13): 326 villages with content (10 published news items,
// each with its own cover picture made by sharp and stored through the sites module's image
// pipeline), then requests per second for one village's home page beside a bare Fastify route in
// the same process and run, median and p99 latency and the compressed weight, with the app's public
// page store and without it; then the onboarding progress table (every village's checklist) as the
// admin sees it.
// Run: node --import tsx bench/village-site.ts
//   BENCH_DB (postgres) postgres or pglite; BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres)
//   the server a fresh database is made on for the run (and dropped after);
//   SECONDS_EACH (10) how long each target is driven, CONCURRENCY (16) requests in flight,
//   PUBLIC_PAGE_CACHE_SECONDS (30, as a server) how long the store keeps a page; PROGRESS_RUNS (7).
import http from 'node:http';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { buildApp } from '../src/app.ts';
import { type ProcessedImage, processSiteImage, storeVariants } from '../src/modules/sites/images.ts';
import * as sitesRepo from '../src/modules/sites/repo.ts';
import { saveArticle } from '../src/modules/sites/service.ts';
import type { StaffActor } from '../src/platform/auth/roles.ts';
import { type Ctx, withActor } from '../src/platform/context.ts';
import { median } from './figures.ts';

const BENCH_DB = process.env.BENCH_DB ?? 'postgres';
if (BENCH_DB === 'postgres') {
  // the test harness's database maker: a new database on this server for the run, dropped at the end
  process.env.SIMPUL_TEST_DB = 'postgres';
  process.env.TEST_DATABASE_URL =
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
} else process.env.SIMPUL_TEST_DB = 'pglite';
const { createTestContext, loginAs, makeStaff, testConfig } = await import('../src/testing.ts');

const SECONDS_EACH = Number(process.env.SECONDS_EACH ?? 10);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const PROGRESS_RUNS = Number(process.env.PROGRESS_RUNS ?? 7);
const NEWS_PER_VILLAGE = 10;
const VILLAGE = '36.04.05.2001';
const keepSeconds = Number(process.env.PUBLIC_PAGE_CACHE_SECONDS ?? '30');

const test = await createTestContext({ config: testConfig() });
const { ctx } = test;
console.log(`database: ${test.kind}`);
const admin = (await makeStaff(ctx, {
  role: 'admin_kabupaten',
  scope: ctx.config.regencyCode,
})) as StaffActor;
const asAdmin = withActor(ctx, admin);

// ---------- content: ten pictures through the image pipeline, stored and used by every village ----------
const started = performance.now();
const pictures: ProcessedImage[] = [];
for (let i = 0; i < NEWS_PER_VILLAGE; i++) {
  const photo = await sharp({
    create: {
      width: 1600,
      height: 1067,
      channels: 3,
      background: { r: 30 + i * 20, g: 110, b: 200 - i * 15 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  pictures.push(await processSiteImage(photo));
}
const villages = (
  await ctx.db
    .selectFrom('villages')
    .select('code')
    .where('code', 'like', `${ctx.config.regencyCode}.%`)
    .orderBy('code')
    .execute()
).map((v) => v.code);

async function fillVillage(c: Ctx, code: string) {
  for (let i = 0; i < NEWS_PER_VILLAGE; i++) {
    const picture = pictures[i]!;
    const image = await sitesRepo.insertImage(c.db, {
      village_code: code,
      alt: `Warga dusun ${i + 1} bergotong royong memperbaiki saluran air`,
      caption: '',
      width: picture.width,
      height: picture.height,
      variants: await storeVariants(c, code, picture),
      in_gallery: false,
      created_at: c.clock.now(),
    });
    await saveArticle(
      c,
      code,
      null,
      {
        kind: 'berita',
        title: `Kerja bakti warga dusun ${i + 1} memperbaiki saluran air`,
        summary: 'Warga bergotong royong membersihkan saluran air menjelang musim hujan.',
        body: `## Kerja bakti ${i + 1}\n\nWarga dari RT 01 sampai RT 05 membersihkan **saluran air** sepanjang 2 km.\n\n- Dimulai pukul 07.00\n- Dipimpin kepala dusun`,
        coverId: image.id,
      },
      'publish',
    );
  }
}
const queue = [...villages];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let code = queue.shift(); code; code = queue.shift()) await fillVillage(asAdmin, code);
  }),
);
const counts = await ctx.db
  .selectFrom('site_articles')
  .innerJoin('site_images', 'site_images.id', 'site_articles.cover_id')
  .select((eb) => [
    eb.fn.count<number>('site_articles.village_code').distinct().as('villages'),
    eb.fn.countAll<number>().as('articles'),
  ])
  .where('site_articles.status', '=', 'published')
  .executeTakeFirstOrThrow();
console.log(
  `content: ${counts.articles} published news items with their own cover in ${counts.villages} villages, ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// ---------- the app twice on this database: with the public page store and without ----------
const appWith = (seconds: number) =>
  buildApp({ config: { ...test.config, publicPageCacheSeconds: seconds }, db: ctx.db, logger: false });
const stored = await appWith(keepSeconds);
const rendered = await appWith(0);
const bare = Fastify({ logger: false });
bare.get('/bare', async () => 'ok');
const portOf = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
};
const bareUrl = `http://127.0.0.1:${await portOf(bare)}/bare`;
const storedUrl = `http://127.0.0.1:${await portOf(stored)}/desa/${VILLAGE}`;
const renderedUrl = `http://127.0.0.1:${await portOf(rendered)}/desa/${VILLAGE}`;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
/** One GET; resolves with its status and the bytes on the wire (compressed when the server compresses). */
function get(url: string, encoding = 'br, gzip'): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'accept-encoding': encoding } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
      })
      .on('error', reject);
  });
}

async function drive(url: string) {
  const times: number[] = [];
  const until = performance.now() + SECONDS_EACH * 1000;
  async function worker() {
    while (performance.now() < until) {
      const t = performance.now();
      const { status } = await get(url);
      if (status !== 200) throw new Error(`${url}: ${status}`);
      times.push(performance.now() - t);
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    rps: times.length / seconds,
    median: median(times),
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
  };
}

for (const url of [bareUrl, storedUrl, renderedUrl]) for (let i = 0; i < 50; i++) await get(url); // warm up
// each page is driven right after its own bare run, so both see the same load on the machine
/** The bytes on the wire as it is, gzip and brotli (asked while the page store still keeps the page). */
const weightOf = async (url: string) =>
  [await get(url, 'identity'), await get(url, 'gzip'), await get(url, 'br')]
    .map((r) => (r.bytes / 1024).toFixed(1))
    .join(' / ');
const bareBeforeStored = await drive(bareUrl);
const storedRun = await drive(storedUrl);
const storedWeight = await weightOf(storedUrl);
const bareBeforeRendered = await drive(bareUrl);
const renderedRun = await drive(renderedUrl);
const renderedWeight = await weightOf(renderedUrl);

type Run = Awaited<ReturnType<typeof drive>>;
const line = (label: string, run: Run, bareRun?: Run) =>
  console.log(
    `${label.padEnd(34)}${run.rps.toFixed(0).padStart(6)} req/s  median ${run.median.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms` +
      (bareRun ? `  = ${((run.rps / bareRun.rps) * 100).toFixed(1)} % of the bare route` : ''),
  );
console.log(
  `\n${test.kind}, ${CONCURRENCY} in flight, ${SECONDS_EACH} s each (target ≥ 30 % of the bare route)`,
);
line('bare Fastify route', bareBeforeStored);
line(`village home, page store (${keepSeconds} s)`, storedRun, bareBeforeStored);
line('bare Fastify route', bareBeforeRendered);
line('village home, rendered each time', renderedRun, bareBeforeRendered);
console.log(`weight, KB as is / gzip / brotli   from the store ${storedWeight}; rendered ${renderedWeight}`);
console.log('                                  (the HTML; the CSS is one file cached for a year)');
agent.destroy();
await bare.close();
await stored.close();

// ---------- the onboarding progress table: every village's checklist, as the admin opens it ----------
await ctx.db
  .updateTable('villages')
  .set({ address: 'Jl. Raya', phone: '0254-1', office_hours: 'Senin–Jumat' })
  .where('code', 'like', `${ctx.config.regencyCode}.04.%`)
  .execute();
const adminVisitor = await loginAs(rendered, admin);
const progressTimes: number[] = [];
for (let i = 0; i <= PROGRESS_RUNS; i++) {
  const t = performance.now();
  const response = await adminVisitor.get('/kelola/onboarding');
  if (response.statusCode !== 200) throw new Error(`/kelola/onboarding: ${response.statusCode}`);
  if (i > 0) progressTimes.push(performance.now() - t); // the first one warms up
}
console.log(
  `onboarding progress, ${villages.length} villages   median ${median(progressTimes).toFixed(0)} ms of ${PROGRESS_RUNS} (admin kabupaten, whole regency)`,
);
console.log(
  `load average                      ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
await rendered.close();
await test.close();
