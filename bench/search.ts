// Misspelt-name search at village and regency scale (issue #11 §3): residents generated into the
// registry (COPY of the generator's rows), the search index rebuilt from them
// (`npx simpul search reindex`), then medians of:
//   - the residents list's name search in one village (what the operator's page runs),
//   - the search page's query (`search()`) as the village operator, as the camat, as admin kabupaten,
//   - for comparison, the query the list ran before (word_similarity over every row, count + page).
//
// Run: node --import tsx bench/search.ts --db postgres|pglite --scenario village|regency [--runs 20]
//   village: 50,000 residents in 36.04.05.2001; regency: 1,600,000 across Kabupaten Serang's 326 villages.
//   --keep keeps the database; --reuse NAME (PostgreSQL) measures a kept one again after migrating it
//   (new migrations, e.g. indexes, applied as on an upgrade) without loading it again.
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) creates and drops
// a throwaway database; server-side COPY reads the file, so the server must see it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { seedRegions } from '../src/modules/regions/service.ts';
import { generateResidents, villagesOf } from '../src/modules/residents/generator.ts';
import { reindexResidentVillages } from '../src/modules/residents/search.ts';
import { listResidents, seedReferenceCodes } from '../src/modules/residents/service.ts';
import { seedAgencies } from '../src/platform/agencies/service.ts';
import type { Ctx } from '../src/platform/context.ts';
import { withActor } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db/database.ts';
import { type Db, fromPGlite, openPGlite, postgresPool } from '../src/platform/db/index.ts';
import { search, settleSearchIndexes } from '../src/platform/search/service.ts';
import { makeStaff } from '../src/platform/testing.ts';
import { migrate } from '../src/setup.ts';
import { median, p95 } from './figures.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    scenario: { type: 'string', default: 'village' },
    runs: { type: 'string', default: '20' },
    dir: { type: 'string', default: '/tmp/simpul-bench' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const regency = values.scenario === 'regency';
const runs = Number(values.runs);
const VILLAGE = '36.04.05.2001';
const count = regency ? 1_600_000 : 50_000;
const dir = values.dir!;
fs.mkdirSync(dir, { recursive: true });
const TODAY = '2026-11-22';

function log(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

// 1. the generator's rows in COPY text format (cached between runs)
const villages = regency ? villagesOf('36.04') : villagesOf('36.04', [VILLAGE]);
const copyFile = path.join(dir, `search-${values.scenario}-${count}.v2.copy.txt`);
const COPY_COLUMNS = `village_code, nik, family_number, name, birth_place, birth_date, sex, religion_code,
  education_code, education_current_code, occupation_code, marital_status_code, family_relation_code,
  blood_type_code, citizenship_code, father_name, mother_name, dusun, rw, rt, address, row_hash, regency_code`;
if (!fs.existsSync(copyFile)) {
  log(`writing ${count} generated residents → ${copyFile}`);
  const n = (v: number | null) => (v === null ? '\\N' : String(v));
  const s = (v: string | null) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, ' '));
  const out = fs.createWriteStream(`${copyFile}.part`);
  let chunk = '';
  for (const r of generateResidents({ count, villages, seed: 1, today: TODAY })) {
    chunk += `${[r.villageCode, r.nik, r.familyNumber, s(r.name), s(r.birthPlace), r.birthDate, r.sex, n(r.religionCode), n(r.educationCode), n(r.educationCurrentCode), n(r.occupationCode), n(r.maritalStatusCode), n(r.familyRelationCode), n(r.bloodTypeCode), n(r.citizenshipCode), s(r.fatherName), s(r.motherName), r.dusun, r.rw, r.rt, s(r.address), 'bench', r.villageCode.slice(0, 5)].join('\t')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
  // renamed only when whole, so an interrupted run never leaves a short file to be reused
  fs.renameSync(`${copyFile}.part`, copyFile);
}

// 2. a fresh database with the registry and the index
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-search-'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reuse = kind === 'postgres' ? values.reuse : undefined;
const dbName = reuse ?? `simpul_bench_${randomBytes(4).toString('hex')}`;
let db: Db;
let pglite: Awaited<ReturnType<typeof openPGlite>> | null = null;
if (kind === 'postgres') {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(url.toString()) }) });
} else {
  pglite = await openPGlite(path.join(dataDir, 'pg'));
  db = fromPGlite(pglite).db;
}
const config = loadConfig({
  DATA_DIR: dataDir,
  SIMPUL_DEMO: '0',
  LOG_LEVEL: 'silent',
  REGENCY_CODE: '36.04',
});
const ctx: Ctx = {
  db,
  actor: null,
  clock: { now: () => new Date(`${TODAY}T05:00:00Z`) },
  config,
  log: pino({ level: 'silent' }),
};
let started = performance.now();
await migrate(db);
log(`migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (reuse) {
  await settleSearchIndexes(db);
  log(`reusing ${reuse}: not loaded again`);
} else {
  await seedRegions(ctx, '36.04');
  await seedAgencies(ctx);
  await seedReferenceCodes(ctx);
  started = performance.now();
  if (kind === 'postgres') {
    await sql`COPY residents (${sql.raw(COPY_COLUMNS)}) FROM ${sql.lit(copyFile)}`.execute(db);
  } else {
    const blob = new Blob([fs.readFileSync(copyFile)]);
    await pglite!.query(`COPY residents (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob });
  }
  log(`${count} residents copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const written = await reindexResidentVillages(db, null);
  log(`search index rebuilt: ${written} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
await sql`ANALYZE`.execute(db);

// 3. the searches
const operator = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: VILLAGE }));
const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
const adminKab = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
const TERMS = ['abdul firmansyh', 'siti nurhalisa', 'ahmad hidayatt', 'dedi kurniwan', 'nining wulandri'];

async function time(label: string, fn: (term: string) => Promise<number>) {
  const ms: number[] = [];
  let found = 0;
  for (const term of TERMS) await fn(term); // warm
  for (let i = 0; i < runs; i++) {
    for (const term of TERMS) {
      const t0 = performance.now();
      found += await fn(term);
      ms.push(performance.now() - t0);
    }
  }
  console.log(
    `${label.padEnd(62)} median ${median(ms).toFixed(1)} ms  p95 ${p95(ms).toFixed(1)} ms  (${(found / (runs * TERMS.length)).toFixed(0)} hits/term)`,
  );
}

console.log(
  `\n${kind}, ${count.toLocaleString('en')} residents (${values.scenario}), ${runs} × ${TERMS.length} misspelt names`,
);
await time(
  'residents list, name search, one village (operator)',
  async (term) => (await listResidents(operator, { villageCode: VILLAGE, search: term })).total,
);
await time('search page, one village (operator)', async (term) => (await search(operator, { term })).total);
await time('search page, kecamatan (camat)', async (term) => (await search(camat, { term })).total);
await time(
  'search page, regency (admin kabupaten)',
  async (term) => (await search(adminKab, { term })).total,
);
await time('before: word_similarity over the village, count + page', async (term) => {
  const upper = term.toUpperCase();
  const where = sql`village_code = ${VILLAGE} AND (name ILIKE ${`%${upper}%`} OR word_similarity(${upper}, name) >= 0.45)`;
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM residents WHERE ${where}`.execute(db);
  await sql`SELECT id FROM residents WHERE ${where} ORDER BY word_similarity(${upper}, name) DESC, name, nik LIMIT 50`.execute(
    db,
  );
  return n.rows[0]!.n;
});

await db.destroy();
if (values.keep || reuse) log(`kept ${kind === 'postgres' ? dbName : dataDir}`);
else if (kind === 'postgres' && !reuse) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE ${dbName}`);
  await admin.end();
}
if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
