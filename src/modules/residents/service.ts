import { sql } from 'kysely';
import { audit } from '../../platform/audit/service.ts';
import { can, mask, regionContains } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { listVillages } from '../regions/service.ts';
import { CODE_LISTS, type CodeList, codeList } from './codes.ts';
import { generateResidents, villagesOf } from './generator.ts';
import { type ImportMode, type ImportRunOptions, type ImportSummary, runImport } from './importer.ts';
import {
  familyMembers,
  type Resident,
  recordHash,
  refreshStats,
  residentById,
  residentByNik,
  toResident,
  upsertResidents,
} from './repo.ts';
import { csvSource, fileKind, xlsxSource } from './sources.ts';

export { type CodeList, codeLabel, codeList } from './codes.ts';
export type { ResidentRecord } from './generator.ts';
export type { Resident } from './repo.ts';

/** For system use (resident login, letter pre-fill): no audit, no scope check. */
export async function findResidentByNik(ctx: Ctx, nik: string): Promise<Resident | null> {
  if (!/^\d{16}$/.test(nik)) return null;
  const row = await residentByNik(ctx.db, nik);
  return row ? toResident(row) : null;
}

/** Whether the acting user sees this village's NIK and No. KK in full. */
export function canSeePersonal(ctx: Ctx, villageCode: string): boolean {
  return can(ctx.actor, 'view_personal', { villageCode });
}

export function maskResident(r: Resident): Resident {
  return { ...r, nik: mask(r.nik), familyNumber: mask(r.familyNumber) };
}

function assertCanView(ctx: Ctx, resident: Resident): void {
  const actor = ctx.actor;
  if (actor?.kind === 'resident') {
    if (actor.familyNumber === resident.familyNumber || actor.id === resident.id) return;
    throw new Forbidden();
  }
  if (!can(actor, 'view', { villageCode: resident.villageCode })) throw new Forbidden();
}

/**
 * One person's record for a staff member or the resident themself. Staff outside the village's
 * own office get NIK and No. KK masked; every staff read is written to the audit log.
 */
export async function getResident(ctx: Ctx, id: string): Promise<Resident> {
  const row = await residentById(ctx.db, id);
  if (!row) throw new NotFound('Penduduk tidak ditemukan.');
  const resident = toResident(row);
  assertCanView(ctx, resident);
  if (ctx.actor?.kind === 'staff') {
    await audit(ctx, {
      action: 'read_personal',
      entity: 'resident',
      entityId: resident.id,
      villageCode: resident.villageCode,
    });
    if (!canSeePersonal(ctx, resident.villageCode)) return maskResident(resident);
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
  const today = ctx.clock.now().toISOString().slice(0, 10);
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

export function inRegion(scopeCode: string, villageCode: string): boolean {
  return regionContains(scopeCode, villageCode);
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
 * Imports an OpenSID-format CSV/XLSX file. The CLI runs without an actor (system); staff need the
 * right to edit the registry of the region they import into.
 */
export async function importResidents(ctx: Ctx, input: ImportInput): Promise<ImportSummary> {
  if (ctx.actor && !can(ctx.actor, 'edit', { villageCode: input.regionCode })) throw new Forbidden();
  const kind = fileKind(input.fileName);
  if (!kind) throw new Invalid({ file: 'Berkas harus CSV atau XLSX.' });
  const villages = await listVillages(ctx);
  const inScope = new Set(
    villages.map((v) => v.code).filter((code) => regionContains(input.regionCode, code)),
  );
  if (inScope.size === 0)
    throw new Invalid({ village: `Kode wilayah ${input.regionCode} tidak dikenal di kabupaten ini.` });
  const source = kind === 'xlsx' ? xlsxSource(input.path) : csvSource(input.path);
  return runImport(ctx, source, {
    regionCode: input.regionCode,
    villageCodes: inScope,
    mode: input.mode,
    errorFile: input.errorFile,
    ...(input.importId ? { importId: input.importId } : {}),
    ...(input.batchSize ? { batchSize: input.batchSize } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
}
