import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import { mask } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { homeRegion } from '../../platform/figures/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  createSheetImport,
  findImport,
  type ImportDefinition,
  type ImportRecord,
  importFileNow,
  listImportsOf,
  ownImportActions,
  recoverImportsAtStart,
  recoverStaleImports,
  runImportNow,
} from '../../platform/imports/index.ts';
import { csvSource, fileKind, xlsxSource } from '../../platform/tabular/index.ts';
import { jakartaDate } from '../../platform/time.ts';
import { findVillage, listVillages, regionName } from '../regions/service.ts';
import { CODE_LISTS, type CodeList, codeList } from './codes.ts';
import { generateResidents } from './generator.ts';
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
  countImportChanges,
  countPopulationByVillage,
  dateString,
  ensureFamily,
  eventsOf,
  exportPage,
  familyMembers,
  familyRow,
  firstVillageWithResidents,
  importChangesOf,
  insertEvent,
  insertResident,
  listResidentRows,
  type Resident,
  recordHash,
  refreshStats,
  residentById,
  residentByNik,
  saveImportChanges,
  statsForRegion,
  toResident,
  updateResidentRow,
  upsertResidents,
} from './repo.ts';
import type { ResidentStatus } from './schema.ts';
import { indexResidents, reindexResidentVillages } from './search.ts';
import { buildStats, type PopulationStats } from './stats.ts';

export { type CodeList, codeLabel, codeList } from './codes.ts';
export type { ResidentRecord } from './model.ts';
export { checkNik, makeNik } from './nik.ts';
export { partitionResidentsByRegency } from './partitions.ts';

import { RESIDENT_FIELDS, type ResidentRecord } from './model.ts';

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
 * The village a registry page opens on when none is asked for: the first in scope that has
 * residents (for a camat, the kecamatan's first village alphabetically may have none yet).
 */
export async function openingVillage<V extends { code: string }>(
  ctx: Ctx,
  villages: V[],
): Promise<V | undefined> {
  const code = await firstVillageWithResidents(
    ctx.db,
    villages.map((v) => v.code),
  );
  return villages.find((v) => v.code === code) ?? villages[0];
}

/**
 * The region the statistics page opens on (the officer's own; the regency for an agency officer)
 * and the regions it offers to switch to.
 */
export async function figureRegions(
  ctx: Ctx,
): Promise<{ home: string; choices: Array<{ code: string; name: string }> }> {
  const actor = ctx.actor;
  const home = homeRegion(ctx);
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
  if (!row) throw new NotFound(t('services.error.residentNotFound'));
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
  // from the regions already seeded: reading the country's village list for three villages took 0.1 s
  const villages = (await Promise.all(villageCodes.map((code) => findVillage(ctx, code)))).filter(
    (village) => village !== null,
  );
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
  await reindexResidentVillages(
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
  changeLimit?: number;
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
    ...(input.changeLimit !== undefined ? { changeLimit: input.changeLimit } : {}),
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

/** A record as the registry form holds it (OpenSID column names, codes as text). */
export function residentToForm(r: Resident): Record<string, string> {
  const n = (v: number | null) => (v === null ? '' : String(v));
  return {
    nama: r.name,
    nik: r.nik,
    no_kk: r.familyNumber,
    sex: String(r.sex),
    tempatlahir: r.birthPlace,
    tanggallahir: r.birthDate,
    agama_id: n(r.religionCode),
    pendidikan_kk_id: n(r.educationCode),
    pendidikan_sedang_id: n(r.educationCurrentCode),
    pekerjaan_id: n(r.occupationCode),
    status_kawin: n(r.maritalStatusCode),
    kk_level: n(r.familyRelationCode),
    golongan_darah_id: n(r.bloodTypeCode),
    warganegara_id: n(r.citizenshipCode),
    nama_ayah: r.fatherName ?? '',
    nama_ibu: r.motherName ?? '',
    dusun: r.dusun,
    rw: r.rw,
    rt: r.rt,
    alamat: r.address ?? '',
  };
}

/** Form fields carry OpenSID's column names, so the form and the import share one set of checks. */
export function checkForm(villageCode: string, form: ResidentForm, now: string) {
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
    await indexResidents(trx, [newId]);
    return newId;
  });
  return { id, warning: nikRegionWarning(record.nik, villageCode) };
}

// the village is not corrected on this form (a move is its own event), nor is the schooling in progress
const TRACKED: Array<keyof ResidentRecord> = RESIDENT_FIELDS.map((f) => f.field).filter(
  (field) => field !== 'villageCode' && field !== 'educationCurrentCode',
);

/** Corrects a record; the previous values of what changed are kept as an event. */
export async function updateResident(ctx: Ctx, id: string, form: ResidentForm): Promise<SaveResult> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateResident(tx, id, form));
  const row = await residentById(ctx.db, id);
  if (!row) throw new NotFound(t('services.error.residentNotFound'));
  assertVillageAccess(ctx, row.village_code, 'edit');
  const before = toResident(row);
  const record = checkForm(row.village_code, form, today(ctx));
  if (record.nik !== before.nik && (await residentByNik(ctx.db, record.nik)))
    throw new Invalid({ nik: t('residents.error.nikTakenByOther', { nik: record.nik }) });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of TRACKED)
    if (before[key] !== record[key]) changes[key] = { from: before[key], to: record[key] };
  if (Object.keys(changes).length === 0) return { id, warning: null };
  const trx = ctx.db;
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
  await indexResidents(trx, [id]);
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
  if (!row) throw new NotFound(t('services.error.residentNotFound'));
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
    await indexResidents(trx, [id]);
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
  await auditStaffRead(ctx, { entity: 'family', entityId: familyNumber, villageCode: fam.village_code });
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
// Imports started from the operator's page run on the platform's import job runner
// (platform/imports): the request streams the file to disk and queues it, the `imports` job runs
// it and records its progress, the page polls (meta refresh, no JavaScript needed).

export { IMPORT_HEARTBEAT_MS, IMPORT_STALE_AFTER_MS, importDir } from '../../platform/imports/index.ts';

/** How an import row's mode is kept in its options. */
function modeOf(options: Record<string, unknown>): ImportMode {
  return options.mode === 'all_or_nothing' ? 'all_or_nothing' : 'valid_rows';
}

/**
 * The residents import as the platform's runner sees it: one OpenSID-format file into one region.
 * `hooks` let the CLI draw its progress bar and read the full summary (warnings, roll-back).
 */
function residentImportWith(
  hooks: { onProgress?: ImportRunOptions['onProgress']; onSummary?: (s: ImportSummary) => void } = {},
): ImportDefinition {
  return {
    kind: 'residents',
    label: 'residents.importKind',
    page: (id) => `/kelola/penduduk/impor/${id}`,
    async run(ctx, job, file, progress) {
      const summary = await importResidents(ctx, {
        path: file,
        fileName: job.fileName,
        regionCode: job.regionCode,
        mode: modeOf(job.options),
        errorFile: job.errorFile,
        // a run taken up again after a crash must not read the rows its first run wrote as repeats
        importId: job.attempt > 1 ? randomUUID() : job.id,
        onProgress: async (p) => {
          progress.report({ rowsDone: p.rowsDone, fraction: p.bytesRead / Math.max(1, p.bytesTotal) });
          await hooks.onProgress?.(p);
        },
      });
      hooks.onSummary?.(summary);
      await saveImportChanges(ctx.db, job.id, summary.changes);
      return {
        inserted: summary.inserted,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected,
        rowsTotal: summary.rowsTotal,
        message: summary.rolledBack
          ? 'Semua atau tidak sama sekali: tidak ada yang disimpan karena ada baris ditolak. Perbaiki baris di berkas galat lalu impor ulang.'
          : summary.warnings > 0
            ? `${summary.warnings} NIK diterbitkan di luar kecamatan desa ini (peringatan saja, tetap diimpor).`
            : null,
      };
    },
  };
}

export const residentImport = residentImportWith();

export async function createImportJob(
  ctx: Ctx,
  input: { villageCode: string; fileName: string; mode: ImportMode },
): Promise<{ id: string; uploadPath: string }> {
  assertVillageAccess(ctx, input.villageCode, 'edit');
  return createSheetImport(
    ctx,
    {
      kind: residentImport.kind,
      regionCode: input.villageCode,
      fileName: input.fileName,
      options: { mode: input.mode },
    },
    'residents.error.fileType',
  );
}

const importActions = ownImportActions(getImport);
/** The upload is complete: the import job runner takes it from here (the request returns at once). */
export const queueImportJob = importActions.queue;
/** The upload was refused: the row says why and the partial file is removed. */
export const refuseImportJob = importActions.refuse;

/** Runs a recorded import at once and awaits it (tests); never throws (the row says what happened). */
export async function runImportJob(
  ctx: Ctx,
  jobId: string,
  _uploadPath?: string,
): Promise<ImportSummary | null> {
  await getImport(ctx, jobId);
  let summary: ImportSummary | null = null;
  const definition = residentImportWith({ onSummary: (s) => (summary = s) });
  const outcome = await runImportNow(ctx, [definition], jobId);
  return outcome ? summary : null;
}

/**
 * Imports an operator's file from the command line through the same runner, so the CLI's import
 * leaves an import row like the page's; the file and the error file stay where they are.
 */
export async function importResidentsFile(
  ctx: Ctx,
  input: {
    path: string;
    regionCode: string;
    mode: ImportMode;
    errorFile: string;
    onProgress?: ImportRunOptions['onProgress'];
  },
): Promise<ImportSummary> {
  assertRegistry(ctx.actor, 'edit', { villageCode: input.regionCode });
  let summary: ImportSummary | null = null;
  const definition = residentImportWith({
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    onSummary: (s) => (summary = s),
  });
  await importFileNow(ctx, definition, {
    regionCode: input.regionCode,
    file: input.path,
    errorFile: input.errorFile,
    options: { mode: input.mode },
  });
  return summary!;
}

/**
 * Recovers residents imports still 'berjalan' whose heartbeat is older than `staleAfterMs`: the
 * process running it is gone (killed, crashed, restarted). An upload that never finished is failed
 * and the operator told to upload the same file again (that run completes what this one wrote); a
 * run that died is taken up again from its file. Returns how many imports were recovered.
 */
export async function failStaleImports(ctx: Ctx, options: { staleAfterMs?: number } = {}): Promise<number> {
  const { failed, resumed } = await recoverStaleImports(ctx, { ...options, kind: residentImport.kind });
  return failed + resumed;
}

/** At a server's start: see recoverImportsAtStart. */
export async function failInterruptedImportsAtStart(ctx: Ctx): Promise<number> {
  const { failed, resumed } = await recoverImportsAtStart(ctx, residentImport.kind);
  return failed + resumed;
}

function importRow(record: ImportRecord) {
  return { ...record, village_code: record.region_code, mode: modeOf(record.options) };
}

export async function listImports(ctx: Ctx, villageCode: string) {
  assertVillageAccess(ctx, villageCode, 'edit');
  return (await listImportsOf(ctx, { kind: residentImport.kind, regionCode: villageCode })).map(importRow);
}

export async function getImport(ctx: Ctx, id: string) {
  const record = await findImport(ctx, id);
  if (record.kind !== residentImport.kind) throw new NotFound(t('residents.error.importNotFound'));
  assertVillageAccess(ctx, record.region_code, 'edit');
  return importRow(record);
}

export const importErrorFile = importActions.errorFile;

export interface ImportChangeRow {
  rowNumber: number;
  nik: string;
  name: string;
  fields: Array<{ field: string; from: unknown; to: unknown }>;
}

/**
 * What the "updated" rows of an import changed, field by field, as kept (the first CHANGE_LIMIT):
 * for the import page (`limit` rows) and its CSV. NIK masked for whoever may not see the village's
 * personal data; each read is audited like a list of residents.
 */
export async function importChanges(
  ctx: Ctx,
  id: string,
  limit: number,
): Promise<{ rows: ImportChangeRow[]; kept: number; updated: number }> {
  const job = await getImport(ctx, id);
  const [stored, kept] = await Promise.all([
    importChangesOf(ctx.db, job.id, limit),
    countImportChanges(ctx.db, job.id),
  ]);
  const personal = seesInFull(ctx.actor, { villageCode: job.region_code });
  if (stored.length > 0)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'import_changes',
      entityId: job.id,
      villageCode: job.region_code,
      detail: { shown: stored.length },
    });
  const rows = stored.map((r) => {
    const changes = (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as Record<
      string,
      { from: unknown; to: unknown }
    >;
    return {
      rowNumber: r.row_number,
      nik: personal ? r.nik.trim() : mask(r.nik.trim()),
      name: r.name,
      fields: Object.entries(changes).map(([field, c]) => ({ field, from: c.from, to: c.to })),
    };
  });
  return { rows, kept, updated: job.updated };
}

/**
 * Population and families per village of a region, for public pages: anonymised counts from the
 * statistics rollup, which names nobody (the figures of `/kelola` need `view_figures`; these do not).
 */
export async function publicPopulationCounts(
  ctx: Ctx,
  region: string,
): Promise<Array<{ villageCode: string; population: number; families: number }>> {
  return countPopulationByVillage(ctx.db, region);
}
