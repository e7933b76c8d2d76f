// Regency-scale residents benchmark: generate N residents (default 1,600,000: Kabupaten Serang),
// bare COPY of the same rows into a table shaped like `residents` (same indexes), then the real
// import (`importResidents`, the code behind `npx simpul import residents`) into the registry,
// a re-import of the same file (idempotence), and the statistics pages' latency at that scale.
//
// Run: node --import tsx bench/residents-import.ts --db postgres|pglite [--count N] [--runs 20]
//   [--repeat 3]: bare COPY and import alternate this many times; medians and per-round ratios printed
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is used to
// create and drop a throwaway database; server-side COPY reads the file, so the server must see it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedRegions } from '../src/modules/regions/service.ts';
import { generateResidents, villagesOf } from '../src/modules/residents/generator.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from '../src/modules/residents/opensid.ts';
import { importResidents, seedReferenceCodes } from '../src/modules/residents/service.ts';
import { seedAgencies } from '../src/platform/agencies/service.ts';
import type { Ctx } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db/database.ts';
import { type Db, fromPGlite, openPGlite, postgresPool } from '../src/platform/db/index.ts';
import { loginAs, makeStaff } from '../src/platform/testing.ts';
import { migrate } from '../src/setup.ts';
import { median, p95 } from './figures.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    count: { type: 'string', default: '1600000' },
    runs: { type: 'string', default: '20' },
    dir: { type: 'string', default: '/tmp/simpul-bench' },
    reimport: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '3' },
  },
});
const count = Number(values.count);
const runs = Number(values.runs);
const repeat = Number(values.repeat);
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const dir = values.dir!;
fs.mkdirSync(dir, { recursive: true });
const TODAY = '2026-11-22';
const SEED = 1;

function log(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function writeLines(file: string, lines: Iterable<string>) {
  const out = fs.createWriteStream(file);
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

// 1. the same rows twice: OpenSID CSV for the import, table-shaped text for COPY
const villages = villagesOf('36.04');
const csvFile = path.join(dir, `residents-${count}.csv`);
const copyFile = path.join(dir, `residents-${count}.v2.copy.txt`);
const options = { count, villages, seed: SEED, today: TODAY };
if (!fs.existsSync(csvFile)) {
  log(`generating ${count} residents → ${csvFile}`);
  await writeLines(
    csvFile,
    (function* () {
      yield csvLine(EXPORT_COLUMNS);
      for (const r of generateResidents(options)) yield csvLine(exportRow(r));
    })(),
  );
}
const COPY_COLUMNS = `village_code, nik, family_number, name, birth_place, birth_date, sex, religion_code,
  education_code, education_current_code, occupation_code, marital_status_code, family_relation_code,
  blood_type_code, citizenship_code, father_name, mother_name, dusun, rw, rt, address, regency_code`;
if (!fs.existsSync(copyFile)) {
  log(`writing the same rows in COPY text format → ${copyFile}`);
  const n = (v: number | null) => (v === null ? '\\N' : String(v));
  const s = (v: string | null) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, ' '));
  await writeLines(
    copyFile,
    (function* () {
      for (const r of generateResidents(options))
        yield `${[r.villageCode, r.nik, r.familyNumber, s(r.name), s(r.birthPlace), r.birthDate, r.sex, n(r.religionCode), n(r.educationCode), n(r.educationCurrentCode), n(r.occupationCode), n(r.maritalStatusCode), n(r.familyRelationCode), n(r.bloodTypeCode), n(r.citizenshipCode), s(r.fatherName), s(r.motherName), r.dusun, r.rw, r.rt, s(r.address), r.villageCode.slice(0, 5)].join('\t')}\n`;
    })(),
  );
}

// 2. a fresh database
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-res-'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `simpul_bench_${randomBytes(4).toString('hex')}`;
let db: Db;
let pglite: Awaited<ReturnType<typeof openPGlite>> | null = null;
let databaseUrl: string | null = null;
if (kind === 'postgres') {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(databaseUrl) }) });
} else {
  pglite = await openPGlite(path.join(dataDir, 'pg'));
  db = fromPGlite(pglite).db;
}
const config = loadConfig({
  DATA_DIR: dataDir,
  SIMPUL_DEMO: '0',
  LOG_LEVEL: 'silent',
  REGENCY_CODE: '36.04',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const ctx: Ctx = {
  db,
  actor: null,
  clock: { now: () => new Date(`${TODAY}T05:00:00Z`) },
  config,
  log: pino({ level: 'silent' }),
};
await migrate(db);
await seedRegions(ctx, '36.04');
await seedAgencies(ctx);
await seedReferenceCodes(ctx);
log(`database ready (${kind}${kind === 'postgres' ? ` ${dbName}` : ` ${dataDir}`})`);

// Between phases: PostgreSQL's dirty buffers and then the kernel's go to disk, so that no phase
// pays for the writes of the one before it.
async function settle() {
  if (kind === 'postgres') await sql`CHECKPOINT`.execute(db);
  else await pglite!.query('CHECKPOINT');
  spawnSync('sync');
}

// 3. bare COPY of the same rows into a table with the registry's shape and indexes
async function bareCopy(): Promise<{ ms: number; rows: number }> {
  await sql`CREATE TABLE residents_copy (LIKE residents INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`.execute(
    db,
  );
  const started = performance.now();
  if (kind === 'postgres') {
    await sql`COPY residents_copy (${sql.raw(COPY_COLUMNS)}) FROM ${sql.lit(copyFile)}`.execute(db);
  } else {
    const blob = new Blob([fs.readFileSync(copyFile)]);
    await pglite!.query(`COPY residents_copy (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob });
  }
  const ms = performance.now() - started;
  const rows = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM residents_copy`.execute(db)).rows[0]!.n,
  );
  await sql`DROP TABLE residents_copy`.execute(db);
  return { ms, rows };
}

// 4. the real import, sampling memory as it goes
async function realImport() {
  let peakRss = 0;
  let peakHeap = 0;
  const rssAt: string[] = [];
  let nextMark = 0.25;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  const baseRss = process.memoryUsage().rss;
  const started = performance.now();
  const summary = await importResidents(ctx, {
    path: csvFile,
    fileName: csvFile,
    regionCode: '36.04',
    mode: 'valid_rows',
    errorFile: path.join(dataDir, 'errors.csv'),
    onProgress: ({ bytesRead, bytesTotal }) => {
      if (bytesRead / bytesTotal >= nextMark) {
        rssAt.push(`${Math.round(nextMark * 100)}%: ${mb(process.memoryUsage().rss)}`);
        nextMark += 0.25;
      }
    },
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  return { ms, summary, baseRss, peakRss, peakHeap, rssAt };
}

// bare COPY and import alternate, `repeat` times each; the registry is emptied between imports
const copies: number[] = [];
const imports: number[] = [];
const ratios: number[] = [];
let copied = 0;
for (let round = 1; round <= repeat; round++) {
  await settle();
  const copy = await bareCopy();
  copied = copy.rows;
  const copyRate = copy.rows / (copy.ms / 1000);
  log(
    `round ${round}: bare COPY: ${copy.rows} rows in ${(copy.ms / 1000).toFixed(1)} s = ${Math.round(copyRate)} rows/s`,
  );
  if (round > 1) await sql`TRUNCATE residents, families, resident_stats CASCADE`.execute(db);
  await settle();
  const run = await realImport();
  const importRate = run.summary.inserted / (run.ms / 1000);
  const { summary } = run;
  log(
    `round ${round}: import: imported: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`,
  );
  log(
    `round ${round}: import: ${(run.ms / 1000).toFixed(1)} s = ${Math.round(importRate)} rows/s; ${((importRate / copyRate) * 100).toFixed(0)} % of this round's bare COPY`,
  );
  log(
    `round ${round}: import phases: rows ${(summary.timings.rows / 1000).toFixed(1)} s, families ${(summary.timings.families / 1000).toFixed(1)} s, statistics ${(summary.timings.statistics / 1000).toFixed(1)} s`,
  );
  log(
    `round ${round}: memory: rss before ${mb(run.baseRss)}, peak rss ${mb(run.peakRss)}, peak JS heap ${mb(run.peakHeap)}; rss during import ${run.rssAt.join(', ')}`,
  );
  copies.push(copy.ms);
  imports.push(run.ms);
  ratios.push(importRate / copyRate);
}
log(
  `median of ${repeat}: bare COPY ${(median(copies) / 1000).toFixed(1)} s = ${Math.round(copied / (median(copies) / 1000))} rows/s; import ${(median(imports) / 1000).toFixed(1)} s = ${Math.round(copied / (median(imports) / 1000))} rows/s; import ÷ bare COPY ${((median(copies) / median(imports)) * 100).toFixed(0)} % (per round: ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')})`,
);

if (values.reimport === '1') {
  const started = performance.now();
  const again = await importResidents(ctx, {
    path: csvFile,
    fileName: csvFile,
    regionCode: '36.04',
    mode: 'valid_rows',
    errorFile: null,
  });
  const ms = performance.now() - started;
  log(
    `re-import of the same file: imported: ${again.inserted} new, ${again.updated} updated, ${again.unchanged} unchanged, ${again.rejected} rejected in ${(ms / 1000).toFixed(1)} s = ${Math.round(count / (ms / 1000))} rows/s`,
  );
}

// 5. pages at regency scale, through the real app (routing, session, service, rendering)
const app = await buildApp({ config, db, clock: ctx.clock, logger: false });
const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
const visitor = await loginAs(app, admin);
const bigVillage = (
  await sql<{
    village_code: string;
  }>`SELECT village_code FROM residents GROUP BY village_code ORDER BY count(*) DESC LIMIT 1`.execute(db)
).rows[0]!.village_code;
const someone = (
  await sql<{ name: string }>`SELECT name FROM residents WHERE village_code = ${bigVillage} LIMIT 1`.execute(
    db,
  )
).rows[0]!.name;
const misspelt = `${someone.slice(0, -2)}${someone.slice(-1)}`.toLowerCase();
const pages: Array<[string, string]> = [
  [
    `statistics, regency (${count.toLocaleString('en')} residents)`,
    '/kelola/penduduk/statistik?wilayah=36.04',
  ],
  ['statistics, kecamatan Kramatwatu', '/kelola/penduduk/statistik?wilayah=36.04.05'],
  ['statistics, one village', `/kelola/penduduk/statistik?wilayah=${bigVillage}`],
  ['statistics CSV, regency', '/kelola/penduduk/statistik.csv?wilayah=36.04'],
  ['resident list, one village, page 1', `/kelola/penduduk?desa=${bigVillage}`],
  [
    `misspelt name search "${misspelt}"`,
    `/kelola/penduduk?desa=${bigVillage}&q=${encodeURIComponent(misspelt)}`,
  ],
];
for (const [label, url] of pages) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const response = await visitor.get(url);
    const ms = performance.now() - t0;
    status = response.statusCode;
    if (i >= 2) times.push(ms);
  }
  log(
    `page ${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms (HTTP ${status}, ${runs} runs)`,
  );
}
// the figures must agree with a direct count
const direct = (
  await sql<{ n: number }>`SELECT count(*)::int AS n FROM residents WHERE status = 'hidup'`.execute(db)
).rows[0]!.n;
const page = (await visitor.get('/kelola/penduduk/statistik.csv?wilayah=36.04')).body.split('\n')[1];
log(`check: direct count of living residents ${direct}; statistics CSV says "${page}"`);

await app.close();
await db.destroy();
if (kind === 'postgres') {
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await cleanup.end();
}
fs.rmSync(dataDir, { recursive: true, force: true });
log('done');
