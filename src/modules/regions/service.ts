import { sql } from 'kysely';
import { audit } from '../../platform/audit/service.ts';
import { scopeLevel } from '../../platform/auth/policy.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { likeEscape, searchTerm } from '../../platform/http/input.ts';
import { readAreaFile, slugify } from './area-data.ts';
import { assertMayKeepVillageOffice } from './policy.ts';
import './schema.ts';

export interface Village {
  code: string;
  name: string;
  slug: string;
  kecamatanCode: string;
  kecamatanName: string;
  address: string | null;
  phone: string | null;
  email: string | null;
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

const BATCH = 2000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Loads Indonesia's provinces, regencies and kecamatan (every kecamatan code is needed to check
 * the region digits of a NIK) and the villages of the regency this instance serves.
 */
export async function seedRegions(ctx: Ctx, regencyCode: string): Promise<{ villages: number }> {
  const existing = await ctx.db.selectFrom('provinces').select('code').limit(1).execute();
  if (existing.length === 0) {
    // every kecamatan of Indonesia (7,285) in one statement, in one transaction with the
    // provinces and regencies so a start killed half-way loads them again
    await inTransaction(ctx, async (tx) => {
      const provinces = readAreaFile('provinces').map((r) => ({ code: r.code!, name: r.name! }));
      await tx.db.insertInto('provinces').values(provinces).execute();
      const regencies = readAreaFile('regencies');
      await sql`
        INSERT INTO regencies (code, province_code, name)
        SELECT * FROM unnest(${regencies.map((r) => r.code!)}::text[], ${regencies.map((r) => r.province_code!)}::text[], ${regencies.map((r) => r.name!)}::text[])`.execute(
        tx.db,
      );
      const districts = readAreaFile('districts');
      await sql`
        INSERT INTO kecamatan (code, regency_code, name)
        SELECT * FROM unnest(${districts.map((r) => r.code!)}::text[], ${districts.map((r) => r.regency_code!)}::text[], ${districts.map((r) => r.name!)}::text[])`.execute(
        tx.db,
      );
    });
  }
  const regency = await ctx.db
    .selectFrom('regencies')
    .select('code')
    .where('code', '=', regencyCode)
    .executeTakeFirst();
  if (!regency) throw new Error(`REGENCY_CODE ${regencyCode} tidak ada dalam data wilayah Kemendagri`);
  const have = await ctx.db
    .selectFrom('villages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `${regencyCode}.%`)
    .executeTakeFirstOrThrow();
  if (Number(have.n) > 0) return { villages: Number(have.n) };
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
  await insertInBatches(rows, (batch) => ctx.db.insertInto('villages').values(batch).execute());
  return { villages: rows.length };
}

export async function regencyName(ctx: Ctx): Promise<string> {
  const row = await ctx.db
    .selectFrom('regencies')
    .select('name')
    .where('code', '=', ctx.config.regencyCode)
    .executeTakeFirst();
  return row?.name ?? ctx.config.regencyCode;
}

export async function listKecamatan(ctx: Ctx): Promise<Kecamatan[]> {
  const rows = await ctx.db
    .selectFrom('kecamatan as k')
    .leftJoin('villages as v', 'v.kecamatan_code', 'k.code')
    .select(['k.code', 'k.name', (eb) => eb.fn.count<number>('v.code').as('villageCount')])
    .where('k.regency_code', '=', ctx.config.regencyCode)
    .groupBy(['k.code', 'k.name'])
    .orderBy('k.name')
    .execute();
  return rows.map((r) => ({ ...r, villageCount: Number(r.villageCount) }));
}

function villageQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('villages as v')
    .innerJoin('kecamatan as k', 'k.code', 'v.kecamatan_code')
    .select([
      'v.code',
      'v.name',
      'v.slug',
      'v.kecamatan_code as kecamatanCode',
      'k.name as kecamatanName',
      'v.address',
      'v.phone',
      'v.email',
    ])
    .where('k.regency_code', '=', ctx.config.regencyCode);
}

export async function listVillages(
  ctx: Ctx,
  filter: { kecamatanCode?: string; search?: string } = {},
): Promise<Village[]> {
  let query = villageQuery(ctx);
  if (filter.kecamatanCode) query = query.where('v.kecamatan_code', '=', filter.kecamatanCode);
  const term = searchTerm(filter.search);
  // similarity() and not the `%` operator: on PGlite `%` breaks the embedded server (see platform/README, db)
  if (term)
    query = query.where((eb) =>
      eb.or([
        eb('v.name', 'ilike', `%${likeEscape(term)}%`),
        sql<boolean>`similarity(v.name, ${term}) >= 0.3`,
      ]),
    );
  return query.orderBy('k.name').orderBy('v.name').execute();
}

export async function findVillage(ctx: Ctx, codeOrSlug: string): Promise<Village | null> {
  const row = await villageQuery(ctx)
    .where((eb) => eb.or([eb('v.code', '=', codeOrSlug), eb('v.slug', '=', codeOrSlug)]))
    .executeTakeFirst();
  return row ?? null;
}

export async function getVillage(ctx: Ctx, code: string): Promise<Village> {
  const village = await findVillage(ctx, code);
  if (!village || village.code !== code) throw new NotFound('Desa tidak ditemukan.');
  return village;
}

/** Is this a region of the served regency (the regency itself, one of its kecamatan or villages)? */
export async function regionExists(ctx: Ctx, code: string): Promise<boolean> {
  if (code === ctx.config.regencyCode) return true;
  if (!code.startsWith(`${ctx.config.regencyCode}.`)) return false;
  const table = scopeLevel(code) === 'kecamatan' ? 'kecamatan' : 'villages';
  const row = await ctx.db.selectFrom(table).select('code').where('code', '=', code).executeTakeFirst();
  return Boolean(row);
}

export async function regionName(ctx: Ctx, code: string): Promise<string> {
  const level = scopeLevel(code);
  if (level === 'regency') return regencyName(ctx);
  const table = level === 'kecamatan' ? 'kecamatan' : 'villages';
  const row = await ctx.db.selectFrom(table).select('name').where('code', '=', code).executeTakeFirst();
  return row?.name ?? code;
}

/** Every kecamatan code of Indonesia (for checking the region digits of a NIK or KK number). */
export async function isKnownKecamatanCode(ctx: Ctx, code: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('kecamatan').select('code').where('code', '=', code).executeTakeFirst();
  return Boolean(row);
}

export interface VillageOffice {
  address: string;
  phone: string;
  email: string;
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
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await getVillage(ctx, code);
  await ctx.db
    .updateTable('villages')
    .set({
      address: input.address.trim(),
      phone: input.phone.trim() || null,
      email: input.email.trim() || null,
    })
    .where('code', '=', code)
    .execute();
  await audit(ctx, { action: 'update_village_office', entity: 'village', entityId: code, villageCode: code });
}
