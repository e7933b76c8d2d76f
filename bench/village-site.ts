// A village home page under load (issue #13): 326 villages with content (10 published news items
// with a cover picture each), then requests per second for one village's home page beside a bare
// Fastify route in the same process and run, median and p99 latency, and the compressed weight.
// Run: SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//        node --import tsx bench/village-site.ts          (PGlite without the two variables)
//   SECONDS_EACH (10) how long each target is driven, CONCURRENCY (16) requests in flight,
//   PUBLIC_PAGE_CACHE_SECONDS (30, as a server) how long the app keeps a rendered public page.
import http from 'node:http';
import Fastify from 'fastify';
import { sql } from 'kysely';
import sharp from 'sharp';
import { addImage, saveArticle } from '../src/modules/sites/service.ts';
import type { StaffActor } from '../src/platform/auth/roles.ts';
import { withActor } from '../src/platform/context.ts';
import { buildTestApp, makeStaff, testConfig } from '../src/testing.ts';
import { median } from './figures.ts';

const SECONDS_EACH = Number(process.env.SECONDS_EACH ?? 10);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const NEWS_PER_VILLAGE = 10;
const VILLAGE = '36.04.05.2001';

// as a server runs (tests turn the app's page store off); PUBLIC_PAGE_CACHE_SECONDS=0 measures rendering
const keepSeconds = process.env.PUBLIC_PAGE_CACHE_SECONDS ?? '30';
const test = await buildTestApp({ config: testConfig({ PUBLIC_PAGE_CACHE_SECONDS: keepSeconds }) });
const { ctx, app } = test;
console.log(`database: ${test.kind}`);
const admin = (await makeStaff(ctx, {
  role: 'admin_kabupaten',
  scope: ctx.config.regencyCode,
})) as StaffActor;
const asAdmin = withActor(ctx, admin);

// ---------- content: written through the service for one village, copied to the other 325 ----------
const started = performance.now();
const photo = await sharp({
  create: { width: 2400, height: 1600, channels: 3, background: { r: 40, g: 110, b: 70 } },
})
  .jpeg({ quality: 85 })
  .toBuffer();
const cover = await addImage(asAdmin, VILLAGE, {
  bytes: photo,
  alt: 'Gotong royong warga memperbaiki jalan desa',
});
for (let i = 1; i <= NEWS_PER_VILLAGE; i++) {
  await saveArticle(
    asAdmin,
    VILLAGE,
    null,
    {
      kind: 'berita',
      title: `Kerja bakti warga dusun ${i} memperbaiki saluran air`,
      summary: 'Warga bergotong royong membersihkan saluran air menjelang musim hujan.',
      body: `## Kerja bakti ${i}\n\nWarga dari RT 01 sampai RT 05 membersihkan **saluran air** sepanjang 2 km.\n\n- Dimulai pukul 07.00\n- Dipimpin kepala dusun`,
      coverId: cover.id,
    },
    'publish',
  );
}
// the same picture rows and articles for every other village, as SQL copies of the first village's
await sql`
  INSERT INTO site_images (village_code, alt, caption, width, height, variants, in_gallery, created_at)
  SELECT v.code, i.alt, i.caption, i.width, i.height, i.variants, i.in_gallery, i.created_at
  FROM site_images i CROSS JOIN villages v
  WHERE i.village_code = ${VILLAGE} AND v.code LIKE ${`${ctx.config.regencyCode}.%`} AND v.code <> ${VILLAGE}`.execute(
  ctx.db,
);
await sql`
  INSERT INTO site_articles (village_code, kind, title, slug, summary, body, cover_id, status, publish_at,
                             published_at, created_at, updated_at)
  SELECT v.code, a.kind, a.title, a.slug, a.summary, a.body,
         (SELECT id FROM site_images WHERE village_code = v.code LIMIT 1),
         a.status, a.publish_at, a.published_at, a.created_at, a.updated_at
  FROM site_articles a CROSS JOIN villages v
  WHERE a.village_code = ${VILLAGE} AND v.code LIKE ${`${ctx.config.regencyCode}.%`} AND v.code <> ${VILLAGE}`.execute(
  ctx.db,
);
const counts = await sql<{ villages: number; articles: number }>`
  SELECT count(DISTINCT village_code)::int AS villages, count(*)::int AS articles FROM site_articles`.execute(
  ctx.db,
);
console.log(
  `content: ${counts.rows[0]!.articles} published news items in ${counts.rows[0]!.villages} villages, ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

await app.listen({ port: 0, host: '127.0.0.1' });
const bare = Fastify({ logger: false });
bare.get('/bare', async () => 'ok');
await bare.listen({ port: 0, host: '127.0.0.1' });
const portOf = (server: http.Server) => (server.address() as { port: number }).port;
const villageUrl = `http://127.0.0.1:${portOf(app.server)}/desa/${VILLAGE}`;
const bareUrl = `http://127.0.0.1:${portOf(bare.server)}/bare`;

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

for (let i = 0; i < 50; i++) await get(villageUrl); // warm up
const bareRun = await drive(bareUrl);
const villageRun = await drive(villageUrl);
const brotli = await get(villageUrl, 'br');
const gzip = await get(villageUrl, 'gzip');
const raw = await get(villageUrl, 'identity');

console.log(
  `\n${test.kind}, ${CONCURRENCY} in flight, ${SECONDS_EACH} s each, public pages kept ${keepSeconds} s`,
);
console.log(
  `bare Fastify route      ${bareRun.rps.toFixed(0)} req/s  median ${bareRun.median.toFixed(1)} ms  p99 ${bareRun.p99.toFixed(1)} ms`,
);
console.log(
  `village home page       ${villageRun.rps.toFixed(0)} req/s  median ${villageRun.median.toFixed(1)} ms  p99 ${villageRun.p99.toFixed(1)} ms`,
);
console.log(
  `ratio                   ${((villageRun.rps / bareRun.rps) * 100).toFixed(1)} % of the bare route (target ≥ 30 %)`,
);
console.log(
  `weight                  ${(raw.bytes / 1024).toFixed(1)} KB, ${(gzip.bytes / 1024).toFixed(1)} KB gzip, ${(brotli.bytes / 1024).toFixed(1)} KB brotli (HTML; CSS is one cached file)`,
);
console.log(
  `load average            ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);
agent.destroy();
await bare.close();
await test.close();
