// What each unit of work leaves in the database (#18 §6, docs/scaling.md): on PostgreSQL, the bytes
// (heap, indexes and TOAST: pg_total_relation_size) every table gains from RESIDENTS residents
// imported through the importer, LETTERS letter requests filed, passed and signed, COMPLAINTS road
// reports filed, and CHILDREN children with one month's measurements from a posyandu sheet — all
// through the modules' own code, so audit rows, events, search documents and rollups are counted.
// Prints per table the bytes per unit and what that is at Kabupaten Serang's scale.
// Run: SIMPUL_TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//        node --import tsx bench/table-sizes.ts      (RESIDENTS, LETTERS, COMPLAINTS, CHILDREN)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { posyanduSheetQueued } from '../src/app-tests/crash-scenarios.ts';
import { seedComplaintReference } from '../src/modules/complaints/service.ts';
import { fileRoadReport } from '../src/modules/complaints/test-builders.ts';
import { healthImport } from '../src/modules/health/import.ts';
import { generateResidents, villagesOf } from '../src/modules/residents/generator.ts';
import { EXPORT_COLUMNS, exportRow } from '../src/modules/residents/opensid.ts';
import { importResidentsFile } from '../src/modules/residents/service.ts';
import { approveStep, startRequest } from '../src/modules/services/service.ts';
import {
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  requestInput,
} from '../src/modules/services/test-builders.ts';
import type { ResidentActor } from '../src/platform/auth/roles.ts';
import { type Ctx, withActor } from '../src/platform/context.ts';
import { csvLine } from '../src/platform/csv.ts';
import { runQueuedImports } from '../src/platform/imports/index.ts';
import { createTestContext } from '../src/testing.ts';

const RESIDENTS = Number(process.env.RESIDENTS ?? 20_000);
const LETTERS = Number(process.env.LETTERS ?? 300);
const COMPLAINTS = Number(process.env.COMPLAINTS ?? 500);
const CHILDREN = Number(process.env.CHILDREN ?? 300);
/** Kabupaten Serang: residents, letters and complaints a year, child-months a year (100,000 under-fives) */
const WARM_UP = 3;
const SCALE = { residents: 1_600_000, letters: 300_000, complaints: 200_000, 'child-months': 1_200_000 };

const test = await createTestContext();
if (test.kind !== 'postgres') throw new Error('SIMPUL_TEST_DB=postgres: table sizes are PostgreSQL figures');
const { ctx } = test;

async function sizes(): Promise<Map<string, { bytes: number; rows: number }>> {
  await sql`VACUUM ANALYZE`.execute(ctx.db);
  const result = await sql<{ name: string; bytes: string; rows: string }>`
    SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes, c.reltuples::bigint::text AS rows
    FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`.execute(ctx.db);
  return new Map(
    result.rows.map((r) => [r.name, { bytes: Number(r.bytes), rows: Math.max(0, Number(r.rows)) }]),
  );
}

async function residents(context: Ctx, count: number, seed: number): Promise<void> {
  const villages = villagesOf(context.config.regencyCode).slice(0, 10);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-sizes-')), 'penduduk.csv');
  let text = csvLine(EXPORT_COLUMNS);
  for (const r of generateResidents({ count, villages, seed, today: '2026-12-01' }))
    text += csvLine(exportRow(r));
  fs.writeFileSync(file, text);
  await importResidentsFile(context, {
    path: file,
    regionCode: '36.04',
    mode: 'valid_rows',
    errorFile: `${file}.galat`,
  });
}

/** The applicants are registered before the count starts: what is measured is the letter, not a new resident. */
async function letters(context: Ctx, count: number, seed: number): Promise<() => Promise<void>> {
  await prepareServices(context);
  const office = await makeVillageOffice(context, seed === WARM_UP ? '36.04.05.2002' : '36.04.05.2001');
  const applicants: ResidentActor[] = [];
  for (let i = 0; i < count; i++) applicants.push(await makeApplicant(context, office.operator));
  return async () => {
    for (const [i, applicant] of applicants.entries()) {
      const input = await requestInput({ keperluan: `Melamar kerja ${i}` }, { attachments: ['foto_ktp'] });
      const filed = await startRequest(withActor(context, applicant), 'pengantar-skck', input);
      await approveStep(withActor(context, office.operator), filed.id);
      await approveStep(withActor(context, office.kades), filed.id);
    }
  };
}

async function complaints(context: Ctx, count: number, seed: number): Promise<void> {
  if (seed === WARM_UP) await seedComplaintReference(context);
  for (let i = 0; i < count; i++)
    await fileRoadReport(context, { title: `Jalan rusak di depan rumah nomor ${i}` });
}

async function childMonths(context: Ctx, count: number, seed: number): Promise<void> {
  await posyanduSheetQueued(context, count, `Posyandu ${seed}`);
  await runQueuedImports(context, [healthImport]);
}

/** A phase may prepare what it needs first (not counted) and hand back the work that is counted. */
type Phase = (context: Ctx, count: number, seed: number) => Promise<void | (() => Promise<void>)>;
const phases: Array<[string, keyof typeof SCALE, number, Phase]> = [
  ['residents imported', 'residents', RESIDENTS, residents],
  ['letters filed, passed and signed', 'letters', LETTERS, letters],
  ['road reports filed', 'complaints', COMPLAINTS, complaints],
  ['children with a month measured', 'child-months', CHILDREN, childMonths],
];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
// a few of each first: the reference lists they seed and the first page of every table are not per unit
for (const [, , , run] of phases) await ((await run(ctx, 3, WARM_UP)) ?? (() => Promise.resolve()))();
let before = await sizes();
for (const [label, unit, count, run] of phases) {
  let started = performance.now();
  const counted = await run(ctx, count, 11);
  if (counted) {
    before = await sizes();
    started = performance.now();
    await counted();
  }
  const after = await sizes();
  const grown = [...after]
    .map(([name, now]) => ({
      name,
      bytes: now.bytes - (before.get(name)?.bytes ?? 0),
      rows: now.rows - (before.get(name)?.rows ?? 0),
    }))
    .filter((t) => t.rows > 0 || t.bytes > 64 * 1024)
    .sort((a, b) => b.bytes - a.bytes);
  const total = grown.reduce((sum, t) => sum + t.bytes, 0);
  console.log(
    `\n${count.toLocaleString('en')} ${label} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${(total / count).toFixed(0)} bytes per ${unit.replace(/s$/, '')}, ${mb((total / count) * SCALE[unit])} MB at ${SCALE[unit].toLocaleString('en')} ${unit}`,
  );
  console.log('  table                                 rows/unit  bytes/unit  MB at scale');
  for (const t of grown)
    console.log(
      `  ${t.name.padEnd(36)} ${(t.rows / count).toFixed(2).padStart(9)}  ${(t.bytes / count).toFixed(0).padStart(10)}  ${mb((t.bytes / count) * SCALE[unit]).padStart(11)}`,
    );
  before = after;
}
await test.close();
