import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { audit } from '../../platform/audit/service.ts';
import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import { mask } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { readFile, saveFile } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { jakartaDate } from '../../platform/time.ts';
import { listVillages, regionName } from '../regions/service.ts';
import { CODE_LISTS, type CodeList, codeList } from './codes.ts';
import { generateResidents, villagesOf } from './generator.ts';
import { type ImportMode, type ImportRunOptions, type ImportSummary, runImport } from './importer.ts';
import { nikRegionWarning } from './nik.ts';
import { exportRow, parseDate, parseRow } from './opensid.ts';
import {
  assertRegistry,
  familyItem,
  mayKeepRegistry,
  mayReadFigures,
  mayReadVillageRecords,
  residentItem,
  seesInFull,
} from './policy.ts';
import {
  addressOptions,
  dateString,
  ensureFamily,
  eventsOf,
  exportPage,
  familyMembers,
  familyRow,
  insertEvent,
  insertResident,
  listResidentRows,
  type Resident,
  recordHash,
  refreshStats,
  residentById,
  residentByNik,
  statsForRegion,
  toResident,
  updateResidentRow,
  upsertResidents,
} from './repo.ts';
import type { ResidentStatus } from './schema.ts';
import { csvSource, fileKind, xlsxSource } from './sources.ts';
import { buildStats, type PopulationStats } from './stats.ts';

export { type CodeList, codeLabel, codeList } from './codes.ts';
export type { ResidentRecord } from './generator.ts';
export { checkNik } from './nik.ts';

import { t } from '../../platform/i18n/index.ts';
import type { ResidentRecord } from './generator.ts';
import './messages.ts';

export type { Resident } from './repo.ts';

/** For system use (resident login, letter pre-fill): no audit, no scope check. */
export async function findResidentByNik(ctx: Ctx, nik: string): Promise<Resident | null> {
  if (!/^\d{16}$/.test(nik)) return null;
  const row = await residentByNik(ctx.db, nik);
  return row ? toResident(row) : null;
}

/** For system use (the applicant of a letter request): no audit, no scope check. */
export async function findResidentById(ctx: Ctx, id: string): Promise<Resident | null> {
  const row = await residentById(ctx.db, id);
  return row ? toResident(row) : null;
}

/** What the acting user may do with a village's registry, for the pages to offer (or not). */
export function registryRights(ctx: Ctx, villageCode: string): { edit: boolean } {
  return { edit: mayKeepRegistry(ctx.actor, villageCode) };
}

/** The villages whose registry the acting user may open, in the regency's order. */
export async function villagesWithRecords(ctx: Ctx): Promise<Array<{ code: string; name: string }>> {
  return (await listVillages(ctx))
    .filter((v) => mayReadVillageRecords(ctx.actor, v.code))
    .map((v) => ({ code: v.code, name: v.name }));
}

/**
 * The region the statistics page opens on (the officer's own; the regency for an agency officer)
 * and the regions it offers to switch to.
 */
export async function figureRegions(
  ctx: Ctx,
): Promise<{ home: string; choices: Array<{ code: string; name: string }> }> {
  const actor = ctx.actor;
  const home =
    actor?.kind === 'staff' && actor.scope.type === 'region' ? actor.scope.code : ctx.config.regencyCode;
  if (scopeLevel(home) === 'village' || !mayReadFigures(actor, home)) return { home, choices: [] };
  const choices = [{ code: home, name: await regionName(ctx, home) }];
  for (const v of await listVillages(ctx)) {
    if (!regionContains(home, v.code)) continue;
    if (scopeLevel(home) === 'regency' && !choices.some((c) => c.code === v.kecamatanCode))
      choices.push({ code: v.kecamatanCode, name: `Kec. ${v.kecamatanName}` });
    choices.push({ code: v.code, name: v.name });
  }
  return { home, choices };
}

/** Asserts the acting user may keep this village's registry (before showing an edit form). */
export function assertMayKeepRegistry(ctx: Ctx, villageCode: string): void {
  assertRegistry(ctx.actor, 'edit', { villageCode });
}

export function maskResident(r: Resident): Resident {
  return { ...r, nik: mask(r.nik), familyNumber: mask(r.familyNumber) };
}

/**
 * One person's record for a staff member or the resident themself. Staff outside the village's
 * own office get NIK and No. KK masked; every staff read is written to the audit log.
 */
export async function getResident(ctx: Ctx, id: string): Promise<Resident> {
  const row = await residentById(ctx.db, id);
  if (!row) throw new NotFound(t('residents.error.residentNotFound'));
  const resident = toResident(row);
  assertRegistry(ctx.actor, 'view_record', residentItem(resident));
  if (ctx.actor?.kind === 'staff') {
    await audit(ctx, {
      action: 'read_personal',
      entity: 'resident',
      entityId: resident.id,
      villageCode: resident.villageCode,
    });
    if (!seesInFull(ctx.actor, residentItem(resident))) return maskResident(resident);
  }
  return resident;
}

/** Members of a family card, head first. For system use (letters, resident self-service). */
export async function listFamilyMembers(ctx: Ctx, familyNumber: string): Promise<Resident[]> {
  if (!/^\d{16}$/.test(familyNumber)) return [];
  return (await familyMembers(ctx.db, familyNumber)).map(toResident);
}

/** Loads the code lists into `reference_codes` (idempotent) so SQL can join labels. */
export async function seedReferenceCodes(ctx: Ctx): Promise<void> {
  for (const list of Object.keys(CODE_LISTS) as CodeList[]) {
    const entries = codeList(list);
    await sql`
      INSERT INTO reference_codes (list, code, label)
      SELECT ${list}, c, l FROM unnest(${entries.map((e) => e.code)}::smallint[], ${entries.map((e) => e.label)}::text[]) AS u(c, l)
      ON CONFLICT (list, code) DO UPDATE SET label = excluded.label`.execute(ctx.db);
  }
}

const SEED_BATCH = 1000;

/** Deterministic demo residents for the given villages (the same every fresh start). */
export async function seedDemoResidents(
  ctx: Ctx,
  villageCodes: string[],
  perVillage: number,
): Promise<number> {
  const villages = villagesOf(ctx.config.regencyCode, villageCodes);
  if (villages.length === 0) return 0;
  const today = jakartaDate(ctx.clock.now());
  let batch: Array<Parameters<typeof upsertResidents>[1][number]> = [];
  let total = 0;
  for (const r of generateResidents({ count: perVillage * villages.length, villages, seed: 2026, today })) {
    batch.push({ ...r, hash: recordHash(r) });
    if (batch.length >= SEED_BATCH) {
      await upsertResidents(ctx.db, batch, null);
      total += batch.length;
      batch = [];
    }
  }
  await upsertResidents(ctx.db, batch, null);
  total += batch.length;
  await refreshStats(
    ctx.db,
    villages.map((v) => v.code),
  );
  return total;
}

export interface ImportInput {
  path: string;
  fileName: string;
  /** a village code, or (regency staff and the CLI) a kecamatan/regency code with a kode_desa column */
  regionCode: string;
  mode: ImportMode;
  errorFile: string | null;
  importId?: string;
  batchSize?: number;
  onProgress?: ImportRunOptions['onProgress'];
}

/**
 * Imports an OpenSID-format CSV/XLSX file. The CLI runs as the system actor; staff need the
 * right to edit the registry of the region they import into.
 */
export async function importResidents(ctx: Ctx, input: ImportInput): Promise<ImportSummary> {
  assertRegistry(ctx.actor, 'edit', { villageCode: input.regionCode });
  const kind = fileKind(input.fileName);
  if (!kind) throw new Invalid({ file: t('residents.error.fileType') });
  const villages = await listVillages(ctx);
  const inScope = new Set(
    villages.map((v) => v.code).filter((code) => regionContains(input.regionCode, code)),
  );
  if (inScope.size === 0)
    throw new Invalid({ village: t('residents.error.unknownRegion', { code: input.regionCode }) });
  const source = kind === 'xlsx' ? xlsxSource(input.path) : csvSource(input.path);
  return runImport(ctx, source, {
    regionCode: input.regionCode,
    villageCodes: inScope,
    mode: input.mode,
    errorFile: input.errorFile,
    ...(input.importId ? { importId: input.importId } : {}),
    ...(input.batchSize ? { batchSize: input.batchSize } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    copyUrl: ctx.config.databaseUrl,
  });
}

// ---------------------------------------------------------------------------------------------
// Registry pages: list, detail, create/edit, births, deaths, moves, statistics, export

export const PAGE_SIZE = 50;

/** Age groups operators filter by (years, inclusive). */
export const AGE_GROUPS = {
  balita: [0, 4],
  anak: [5, 14],
  muda: [15, 24],
  dewasa: [25, 59],
  lansia: [60, 200],
} as const;
export type AgeGroup = keyof typeof AGE_GROUPS;

export interface ListInput {
  villageCode: string;
  search?: string | undefined;
  dusun?: string | undefined;
  rw?: string | undefined;
  rt?: string | undefined;
  sex?: string | undefined;
  status?: string | undefined;
  age?: string | undefined;
  page?: number | undefined;
}

function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // 29 February minus whole years lands on 28 February
  const last = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${y - years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function today(ctx: Ctx): string {
  return jakartaDate(ctx.clock.now());
}

function assertVillageAccess(ctx: Ctx, villageCode: string, action: 'view' | 'edit'): void {
  assertRegistry(ctx.actor, action === 'view' ? 'view_record' : 'edit', { villageCode });
}

export async function listResidents(ctx: Ctx, input: ListInput) {
  assertVillageAccess(ctx, input.villageCode, 'view');
  const page = Math.max(1, input.page ?? 1);
  const group = input.age && input.age in AGE_GROUPS ? AGE_GROUPS[input.age as AgeGroup] : null;
  const now = today(ctx);
  const status = ['hidup', 'pindah', 'mati'].includes(input.status ?? '')
    ? (input.status as ResidentStatus)
    : undefined;
  const result = await listResidentRows(ctx.db, {
    villageCode: input.villageCode,
    search: input.search,
    dusun: input.dusun || undefined,
    rw: input.rw || undefined,
    rt: input.rt || undefined,
    sex: input.sex === '1' || input.sex === '2' ? Number(input.sex) : undefined,
    status,
    bornAfter: group ? yearsBefore(now, group[1] + 1) : undefined,
    bornTo: group ? yearsBefore(now, group[0]) : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const personal = seesInFull(ctx.actor, { villageCode: input.villageCode });
  await audit(ctx, {
    action: 'read_personal',
    entity: 'resident_list',
    villageCode: input.villageCode,
    detail: { search: input.search ?? '', page, shown: result.rows.length },
  });
  const residents = result.rows.map(toResident).map((r) => (personal ? r : maskResident(r)));
  return { residents, total: result.total, page, pageSize: PAGE_SIZE, personal };
}

export async function villageAddresses(ctx: Ctx, villageCode: string) {
  assertVillageAccess(ctx, villageCode, 'view');
  return addressOptions(ctx.db, villageCode);
}

export type ResidentForm = Record<string, string | undefined>;

/** Form fields carry OpenSID's column names, so the form and the import share one set of checks. */
function checkForm(villageCode: string, form: ResidentForm, now: string) {
  const cells = new Map<string, unknown>(Object.entries(form).map(([k, v]) => [k, v ?? '']));
  cells.delete('kode_desa');
  cells.delete('status_dasar');
  const parsed = parseRow(cells, villageCode);
  if (!parsed.ok) throw new Invalid(parsed.errors);
  if (parsed.record.birthDate > now) throw new Invalid({ tanggallahir: t('residents.error.birthInFuture') });
  return parsed.record;
}

export interface SaveResult {
  id: string;
  warning: string | null;
}

export type ArrivalKind = 'lahir' | 'pindah_masuk' | 'pendataan';

/**
 * Adds a person to the village registry: a birth, someone moving in, or a record that was missing.
 * Births and arrivals are kept as events.
 */
export async function createResident(
  ctx: Ctx,
  villageCode: string,
  form: ResidentForm,
  arrival: { kind: ArrivalKind; note?: string | undefined },
): Promise<SaveResult> {
  assertVillageAccess(ctx, villageCode, 'edit');
  const now = today(ctx);
  const record = checkForm(villageCode, form, now);
  const existing = await residentByNik(ctx.db, record.nik);
  if (existing)
    throw new Invalid({ nik: t('residents.error.nikTaken', { nik: record.nik, name: existing.name }) });
  const family = await familyRow(ctx.db, record.familyNumber);
  if (family && family.village_code !== villageCode)
    throw new Invalid({
      no_kk: t('residents.error.familyInOtherVillage', {
        kk: record.familyNumber,
        village: family.village_code,
      }),
    });
  if (arrival.kind === 'lahir') {
    if (!family) throw new Invalid({ no_kk: t('residents.error.birthFamilyUnknown') });
    if (record.birthDate < yearsBefore(now, 1))
      throw new Invalid({
        tanggallahir: t('residents.error.birthTooLate'),
      });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await insertResident(trx, record, 'hidup');
    await ensureFamily(trx, record, record.familyRelationCode === 1 ? newId : null);
    if (arrival.kind !== 'pendataan')
      await insertEvent(trx, {
        residentId: newId,
        villageCode,
        kind: arrival.kind,
        date: arrival.kind === 'lahir' ? record.birthDate : now,
        detail: { note: arrival.note ?? '', familyNumber: record.familyNumber },
        by: ctx.actor?.kind === 'staff' ? ctx.actor.email : null,
      });
    await refreshStats(trx, [villageCode]);
    return newId;
  });
  return { id, warning: nikRegionWarning(record.nik, villageCode) };
}

const TRACKED: Array<keyof ResidentRecord> = [
  'nik',
  'familyNumber',
  'name',
  'birthPlace',
  'birthDate',
  'sex',
  'religionCode',
  'educationCode',
  'occupationCode',
  'maritalStatusCode',
  'familyRelationCode',
  'bloodTypeCode',
  'citizenshipCode',
  'fatherName',
  'motherName',
  'dusun',
  'rw',
  'rt',
  'address',
];

/** Corrects a record; the previous values of what changed are kept as an event. */
export async function updateResident(ctx: Ctx, id: string, form: ResidentForm): Promise<SaveResult> {
  const row = await residentById(ctx.db, id);
  if (!row) throw new NotFound(t('residents.error.residentNotFound'));
  assertVillageAccess(ctx, row.village_code, 'edit');
  const before = toResident(row);
  const record = checkForm(row.village_code, form, today(ctx));
  if (record.nik !== before.nik && (await residentByNik(ctx.db, record.nik)))
    throw new Invalid({ nik: t('residents.error.nikTakenByOther', { nik: record.nik }) });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of TRACKED)
    if (before[key] !== record[key]) changes[key] = { from: before[key], to: record[key] };
  if (Object.keys(changes).length === 0) return { id, warning: null };
  await ctx.db.transaction().execute(async (trx) => {
    await updateResidentRow(trx, id, record, before.status);
    await ensureFamily(trx, record, record.familyRelationCode === 1 ? id : null);
    await insertEvent(trx, {
      residentId: id,
      villageCode: row.village_code,
      kind: 'ubah',
      date: today(ctx),
      detail: { changes },
      by: ctx.actor?.kind === 'staff' ? ctx.actor.email : null,
    });
    await refreshStats(trx, [row.village_code]);
  });
  return { id, warning: nikRegionWarning(record.nik, row.village_code) };
}

export interface DepartureInput {
  date?: string | undefined;
  place?: string | undefined;
  cause?: string | undefined;
  destination?: string | undefined;
  reason?: string | undefined;
}

/** Records a death or a move out: the person stays in the registry with a new status and an event. */
export async function recordDeparture(
  ctx: Ctx,
  id: string,
  kind: 'mati' | 'pindah_keluar',
  input: DepartureInput,
): Promise<void> {
  const row = await residentById(ctx.db, id);
  if (!row) throw new NotFound(t('residents.error.residentNotFound'));
  assertVillageAccess(ctx, row.village_code, 'edit');
  const errors: Record<string, string> = {};
  const date = parseDate(input.date ?? '');
  const now = today(ctx);
  if (!date) errors.date = kind === 'mati' ? 'Tanggal meninggal wajib diisi.' : 'Tanggal pindah wajib diisi.';
  else if (date > now) errors.date = 'Tanggal tidak boleh setelah hari ini.';
  else if (date < dateString(row.birth_date)) errors.date = 'Tanggal tidak boleh sebelum tanggal lahir.';
  if (kind === 'pindah_keluar' && !input.destination?.trim())
    errors.destination = 'Alamat tujuan pindah wajib diisi.';
  if (row.status !== 'hidup') errors.date = `Penduduk ini sudah berstatus ${row.status}.`;
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const detail =
    kind === 'mati'
      ? { place: input.place?.trim() ?? '', cause: input.cause?.trim() ?? '' }
      : { destination: input.destination?.trim() ?? '', reason: input.reason?.trim() ?? '' };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('residents')
      .set({ status: kind === 'mati' ? 'mati' : 'pindah', updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await insertEvent(trx, {
      residentId: id,
      villageCode: row.village_code,
      kind,
      date: date!,
      detail,
      by: ctx.actor?.kind === 'staff' ? ctx.actor.email : null,
    });
    await refreshStats(trx, [row.village_code]);
  });
}

export interface ResidentEvent {
  kind: string;
  date: string;
  detail: Record<string, unknown>;
  by: string | null;
}

/** A person's history (births, moves, deaths, corrections), newest first. Staff reads are audited by getResident. */
export async function residentHistory(ctx: Ctx, resident: Resident): Promise<ResidentEvent[]> {
  assertRegistry(ctx.actor, 'view_record', residentItem(resident));
  const rows = await eventsOf(ctx.db, resident.id);
  return rows.map((e) => ({
    kind: e.kind,
    date: dateString(e.event_date as string | Date),
    detail: (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as Record<string, unknown>,
    by: e.recorded_by,
  }));
}

export interface FamilyView {
  familyNumber: string;
  villageCode: string;
  headId: string | null;
  dusun: string;
  rw: string;
  rt: string;
  address: string | null;
  members: Resident[];
}

/** A family card with its members, for staff of the village (audited) or a member of the family. */
export async function getFamily(ctx: Ctx, familyNumber: string): Promise<FamilyView> {
  const fam = /^\d{16}$/.test(familyNumber) ? await familyRow(ctx.db, familyNumber) : undefined;
  if (!fam) throw new NotFound(t('residents.error.familyNotFound'));
  const actor = ctx.actor;
  const item = familyItem({ villageCode: fam.village_code, familyNumber });
  assertRegistry(actor, 'view_record', item);
  const members = (await familyMembers(ctx.db, familyNumber)).map(toResident);
  const personal = seesInFull(actor, item);
  if (actor?.kind === 'staff')
    await audit(ctx, {
      action: 'read_personal',
      entity: 'family',
      entityId: familyNumber,
      villageCode: fam.village_code,
    });
  return {
    familyNumber: personal ? fam.family_number : mask(fam.family_number),
    villageCode: fam.village_code,
    headId: fam.head_resident_id,
    dusun: fam.dusun,
    rw: fam.rw,
    rt: fam.rt,
    address: fam.address,
    members: personal ? members : members.map(maskResident),
  };
}

/** Figures for a village, kecamatan or the regency, from the rollup table. */
export async function getStatistics(ctx: Ctx, regionCode: string): Promise<PopulationStats> {
  assertRegistry(ctx.actor, 'view_figures', { villageCode: regionCode });
  const rows = await statsForRegion(ctx.db, regionCode);
  return buildStats(regionCode, Number(today(ctx).slice(0, 4)), rows);
}

/** Writes the residents of a region as CSV lines in the import's column layout (streams, village by village). */
export async function* exportResidents(ctx: Ctx, regionCode: string): AsyncGenerator<Array<string | number>> {
  assertRegistry(ctx.actor, 'view_personal', { villageCode: regionCode });
  const villages = (await listVillages(ctx)).map((v) => v.code).filter((c) => regionContains(regionCode, c));
  await audit(ctx, { action: 'export_personal', entity: 'resident_list', villageCode: regionCode });
  for (const village of villages) {
    let after: { name: string; nik: string } | null = null;
    for (;;) {
      const rows = await exportPage(ctx.db, village, after, 2000);
      for (const row of rows) {
        const r = toResident(row);
        yield exportRow(r, r.status);
      }
      if (rows.length < 2000) break;
      const last = rows[rows.length - 1]!;
      after = { name: last.name, nik: last.nik };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Imports started from the operator's page: the file is streamed to disk, the import runs in the
// background and records its progress, the page polls (meta refresh, no JavaScript needed).

export function importDir(ctx: Ctx): string {
  return path.join(ctx.config.dataDir, 'imports');
}

export async function createImportJob(
  ctx: Ctx,
  input: { villageCode: string; fileName: string; mode: ImportMode },
): Promise<{ id: string; uploadPath: string }> {
  assertVillageAccess(ctx, input.villageCode, 'edit');
  if (!fileKind(input.fileName)) throw new Invalid({ file: t('residents.error.fileType') });
  const row = await ctx.db
    .insertInto('resident_imports')
    .values({
      village_code: input.villageCode,
      file_name: input.fileName.slice(0, 200),
      mode: input.mode,
      created_by: ctx.actor?.kind === 'staff' ? ctx.actor.email : null,
      heartbeat_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await fs.promises.mkdir(importDir(ctx), { recursive: true });
  return {
    id: row.id,
    uploadPath: path.join(importDir(ctx), `${row.id}${path.extname(input.fileName).toLowerCase()}`),
  };
}

/** Runs a job created by createImportJob on its uploaded file; never throws (the job row says what happened). */
export async function runImportJob(
  ctx: Ctx,
  jobId: string,
  uploadPath: string,
): Promise<ImportSummary | null> {
  const job = await ctx.db
    .selectFrom('resident_imports')
    .selectAll()
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  const errorPath = `${uploadPath}.galat.csv`;
  // Progress alone does not show the import is alive: the families and statistics at the end are
  // long statements with no rows to report.
  const heartbeat = setInterval(() => {
    ctx.db
      .updateTable('resident_imports')
      .set({ heartbeat_at: ctx.clock.now() })
      .where('id', '=', jobId)
      .where('state', '=', 'berjalan')
      .execute()
      .catch((error: unknown) => ctx.log.warn({ err: error, jobId }, 'import heartbeat not written'));
  }, IMPORT_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    let lastWrite = 0;
    const summary = await importResidents(ctx, {
      path: uploadPath,
      fileName: job.file_name,
      regionCode: job.village_code,
      mode: job.mode as ImportMode,
      errorFile: errorPath,
      importId: jobId,
      onProgress: async ({ rowsDone, bytesRead, bytesTotal }) => {
        const now = Date.now();
        if (now - lastWrite < 500) return;
        lastWrite = now;
        await ctx.db
          .updateTable('resident_imports')
          .set({
            rows_done: rowsDone,
            rows_total: Math.round((bytesRead / Math.max(1, bytesTotal)) * 1000),
            heartbeat_at: ctx.clock.now(),
          })
          .where('id', '=', jobId)
          .execute();
      },
    });
    let errorFileId: string | null = null;
    if (summary.rejected > 0) {
      const saved = await saveFile(ctx, {
        bytes: await fs.promises.readFile(errorPath),
        contentType: 'text/csv; charset=utf-8',
        name: `galat-${job.file_name}.csv`,
        villageCode: job.village_code,
      });
      errorFileId = saved.id;
    }
    await ctx.db
      .updateTable('resident_imports')
      .set({
        state: 'selesai',
        rows_done: summary.rowsTotal,
        rows_total: 1000,
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        error_file_id: errorFileId,
        message: summary.rolledBack
          ? 'Semua atau tidak sama sekali: tidak ada yang disimpan karena ada baris ditolak. Perbaiki baris di berkas galat lalu impor ulang.'
          : summary.warnings > 0
            ? `${summary.warnings} NIK diterbitkan di luar kecamatan desa ini (peringatan saja, tetap diimpor).`
            : null,
        finished_at: ctx.clock.now(),
      })
      .where('id', '=', jobId)
      .execute();
    return summary;
  } catch (error) {
    ctx.log.error({ err: error, jobId }, 'resident import failed');
    const message =
      error instanceof Invalid
        ? Object.values(error.fields).join(' ')
        : 'Impor gagal karena kesalahan sistem.';
    await ctx.db
      .updateTable('resident_imports')
      .set({ state: 'gagal', message, finished_at: ctx.clock.now() })
      .where('id', '=', jobId)
      .execute();
    return null;
  } finally {
    clearInterval(heartbeat);
    await fs.promises.rm(uploadPath, { force: true });
    await fs.promises.rm(errorPath, { force: true });
  }
}

/** How often a running import touches its heartbeat, and how old one must be to count as dead. */
export const IMPORT_HEARTBEAT_MS = 30_000;
export const IMPORT_STALE_AFTER_MS = 120_000;

/**
 * Marks failed every import still 'berjalan' whose heartbeat is older than `staleAfterMs`: the
 * process running it is gone (killed, crashed, restarted), and nothing else would ever finish the
 * row. The operator is told to upload the same file again; that run completes what this one wrote.
 * Returns how many imports were marked.
 */
export async function failStaleImports(ctx: Ctx, options: { staleAfterMs?: number } = {}): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? IMPORT_STALE_AFTER_MS));
  const stale = await ctx.db
    .updateTable('resident_imports')
    .set({ state: 'gagal', failure: 'terhenti', finished_at: now })
    .where('state', '=', 'berjalan')
    .where('heartbeat_at', '<=', cutoff)
    .returning(['id', 'file_name'])
    .execute();
  // the dead process's upload and error files would otherwise stay on disk for ever
  for (const job of stale) {
    const upload = path.join(importDir(ctx), `${job.id}${path.extname(job.file_name).toLowerCase()}`);
    await fs.promises.rm(upload, { force: true });
    await fs.promises.rm(`${upload}.galat.csv`, { force: true });
  }
  if (stale.length > 0)
    ctx.log.warn({ imports: stale.map((j) => j.id) }, 'interrupted resident imports marked failed');
  return stale.length;
}

/**
 * At a server's start. On the embedded database no other process can hold the data directory, so
 * every import still running died with the previous process; on a server another app server may
 * be running one, so only those whose heartbeat stopped are failed (the periodic job catches the
 * rest once their heartbeat is old enough).
 */
export async function failInterruptedImportsAtStart(ctx: Ctx): Promise<number> {
  return failStaleImports(ctx, ctx.config.databaseUrl ? {} : { staleAfterMs: 0 });
}

export async function listImports(ctx: Ctx, villageCode: string) {
  assertVillageAccess(ctx, villageCode, 'edit');
  return ctx.db
    .selectFrom('resident_imports')
    .selectAll()
    .where('village_code', '=', villageCode)
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
}

export async function getImport(ctx: Ctx, id: string) {
  const job = /^[0-9a-f-]{36}$/i.test(id)
    ? await ctx.db.selectFrom('resident_imports').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!job) throw new NotFound(t('residents.error.importNotFound'));
  assertVillageAccess(ctx, job.village_code, 'edit');
  return job;
}

export async function importErrorFile(ctx: Ctx, id: string) {
  const job = await getImport(ctx, id);
  if (!job.error_file_id) throw new NotFound(t('residents.error.noRejectedRows'));
  return readFile(ctx, job.error_file_id);
}
