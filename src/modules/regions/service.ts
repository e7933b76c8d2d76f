import { audit } from '../../platform/audit/service.ts';
import { scopeLevel } from '../../platform/auth/policy.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { searchTerm } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { readAreaFile, slugify } from './area-data.ts';
import { assertMayKeepVillageOffice } from './policy.ts';
import * as repo from './repo.ts';

export interface Village {
  code: string;
  name: string;
  slug: string;
  kecamatanCode: string;
  kecamatanName: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  officeHours: string | null;
}

/** "KRAMATWATU" → "Kramatwatu", "PAMARAYAN-CIKEUSAL" → "Pamarayan-Cikeusal": region names as letters print them. */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

export interface Kecamatan {
  code: string;
  name: string;
  villageCount: number;
}

/**
 * Indonesia's provinces, regencies and kecamatan (every kecamatan code is needed to check the region
 * digits of a NIK), unless they are there. No REGENCY_CODE changes them, so the build loads them into
 * the embedded cluster it keeps for first starts, and a first start skips them.
 */
export async function seedCountryAreas(db: Db): Promise<void> {
  if (await repo.hasProvinces(db)) return;
  // in one transaction, so a start killed half-way loads them again
  await db.transaction().execute(async (tx) => {
    const provinces = readAreaFile('provinces').map((r) => ({ code: r.code!, name: r.name! }));
    await repo.insertProvinces(tx, provinces);
    const regencies = readAreaFile('regencies').map((r) => ({
      code: r.code!,
      province_code: r.province_code!,
      name: r.name!,
    }));
    await repo.insertRegencies(tx, regencies);
    const districts = readAreaFile('districts').map((r) => ({
      code: r.code!,
      regency_code: r.regency_code!,
      name: r.name!,
    }));
    await repo.insertKecamatan(tx, districts);
  });
}

/** The country's area lists (above) and the villages of the regency this instance serves. */
export async function seedRegions(ctx: Ctx, regencyCode: string): Promise<{ villages: number }> {
  await seedCountryAreas(ctx.db);
  if (!(await repo.regencyExists(ctx.db, regencyCode)))
    throw new Error(`REGENCY_CODE ${regencyCode} tidak ada dalam data wilayah Kemendagri`);
  const have = await repo.countVillagesOf(ctx.db, regencyCode);
  if (have > 0) return { villages: have };
  const villages = readAreaFile('villages', `${regencyCode}.`);
  const districtNames = new Map(readAreaFile('districts', `${regencyCode}.`).map((d) => [d.code!, d.name!]));
  const nameCount = new Map<string, number>();
  for (const v of villages) nameCount.set(slugify(v.name!), (nameCount.get(slugify(v.name!)) ?? 0) + 1);
  const rows = villages.map((v) => {
    const base = slugify(v.name!);
    // the same village name occurs in several kecamatan: the kecamatan keeps the slug unique
    const slug =
      nameCount.get(base)! > 1 ? `${base}-${slugify(districtNames.get(v.district_code!) ?? '')}` : base;
    return { code: v.code!, kecamatan_code: v.district_code!, name: v.name!, slug };
  });
  await repo.insertVillages(ctx.db, rows);
  return { villages: rows.length };
}

export async function regencyName(ctx: Ctx): Promise<string> {
  return (await repo.selectRegencyName(ctx.db, ctx.config.regencyCode)) ?? ctx.config.regencyCode;
}

export async function listKecamatan(ctx: Ctx): Promise<Kecamatan[]> {
  return repo.selectKecamatanOf(ctx.db, ctx.config.regencyCode);
}

export async function listVillages(
  ctx: Ctx,
  filter: { kecamatanCode?: string; search?: string } = {},
): Promise<Village[]> {
  return repo.selectVillages(ctx.db, ctx.config.regencyCode, {
    kecamatanCode: filter.kecamatanCode,
    term: searchTerm(filter.search),
  });
}

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * What a person may type after `/desa/` for a village, as the one key it is stored under: the
 * code (`36.04.05.2001`, also without dots) or the slug, whatever the case, accents, spaces or
 * underscores (`Kramatwatu`, `kramatwatu`, `Pamarayan_Cikeusal` → `pamarayan-cikeusal`).
 */
export function villageKey(codeOrName: string): string {
  const trimmed = codeOrName.trim();
  if (VILLAGE_CODE.test(trimmed)) return trimmed;
  if (/^\d{10}$/.test(trimmed))
    return `${trimmed.slice(0, 2)}.${trimmed.slice(2, 4)}.${trimmed.slice(4, 6)}.${trimmed.slice(6)}`;
  return slugify(trimmed.replace(/_/g, ' '));
}

export async function findVillage(ctx: Ctx, codeOrSlug: string): Promise<Village | null> {
  const key = villageKey(codeOrSlug);
  if (!key) return null;
  return (await repo.selectVillageByCodeOrSlug(ctx.db, ctx.config.regencyCode, key)) ?? null;
}

export async function getVillage(ctx: Ctx, code: string): Promise<Village> {
  const village = await findVillage(ctx, code);
  if (!village || village.code !== code) throw new NotFound(t('regions.error.villageNotFound'));
  return village;
}

/** Is this a region of the served regency (the regency itself, one of its kecamatan or villages)? */
export async function regionExists(ctx: Ctx, code: string): Promise<boolean> {
  if (code === ctx.config.regencyCode) return true;
  if (!code.startsWith(`${ctx.config.regencyCode}.`)) return false;
  const table = scopeLevel(code) === 'kecamatan' ? 'kecamatan' : 'villages';
  return repo.areaExists(ctx.db, table, code);
}

export const codesWithin = repo.codesWithin;

export async function regionName(ctx: Ctx, code: string): Promise<string> {
  const level = scopeLevel(code);
  if (level === 'regency') return regencyName(ctx);
  const table = level === 'kecamatan' ? 'kecamatan' : 'villages';
  return (await repo.selectAreaName(ctx.db, table, code)) ?? code;
}

export interface VillageOffice {
  address: string;
  phone: string;
  email: string;
  officeHours: string;
}

/** Village staff (and admin kabupaten) keep their office's address and contacts, shown on letters and the village page. */
export async function updateVillageOffice(ctx: Ctx, code: string, input: VillageOffice): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateVillageOffice(tx, code, input));
  assertMayKeepVillageOffice(ctx.actor, code);
  const errors: Record<string, string> = {};
  if (input.address.trim().length < 5)
    errors.address = 'Alamat kantor desa wajib diisi (minimal 5 karakter).';
  if (input.phone.trim() && !/^[0-9+()\-\s]{6,20}$/.test(input.phone.trim()))
    errors.phone = 'Nomor telepon hanya boleh berisi angka, spasi, +, -, dan tanda kurung.';
  if (input.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))
    errors.email = 'Masukkan alamat email yang benar.';
  if (input.officeHours.trim().length > 200) errors.officeHours = 'Jam buka paling banyak 200 karakter.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await getVillage(ctx, code);
  await repo.updateVillageContacts(ctx.db, code, {
    address: input.address.trim(),
    phone: input.phone.trim() || null,
    email: input.email.trim() || null,
    office_hours: input.officeHours.trim() || null,
  });
  await audit(ctx, { action: 'update_village_office', entity: 'village', entityId: code, villageCode: code });
}
