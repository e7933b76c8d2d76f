/** The regions module's SQL: the Kemendagri area tables and the village offices' contacts. */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { likeEscape } from '../../platform/http/input.ts';
import './schema.ts';

const BATCH = 2000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function hasProvinces(db: Db): Promise<boolean> {
  return (await db.selectFrom('provinces').select('code').limit(1).execute()).length > 0;
}

export async function insertProvinces(db: Db, rows: Array<{ code: string; name: string }>): Promise<void> {
  await db.insertInto('provinces').values(rows).execute();
}

export async function insertRegencies(
  db: Db,
  rows: Array<{ code: string; province_code: string; name: string }>,
): Promise<void> {
  // all 514 regencies in one statement
  await sql`
    INSERT INTO regencies (code, province_code, name)
    SELECT * FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.province_code)}::text[], ${rows.map((r) => r.name)}::text[])`.execute(
    db,
  );
}

export async function insertKecamatan(
  db: Db,
  rows: Array<{ code: string; regency_code: string; name: string }>,
): Promise<void> {
  // every kecamatan of Indonesia (7,285) in one statement
  await sql`
    INSERT INTO kecamatan (code, regency_code, name)
    SELECT * FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.regency_code)}::text[], ${rows.map((r) => r.name)}::text[])`.execute(
    db,
  );
}

export async function insertVillages(
  db: Db,
  rows: Array<{ code: string; kecamatan_code: string; name: string; slug: string }>,
): Promise<void> {
  await insertInBatches(rows, (batch) => db.insertInto('villages').values(batch).execute());
}

export async function regencyExists(db: Db, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('regencies').select('code').where('code', '=', code).executeTakeFirst());
}

export async function countVillagesOf(db: Db, regencyCode: string): Promise<number> {
  const have = await db
    .selectFrom('villages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `${regencyCode}.%`)
    .executeTakeFirstOrThrow();
  return Number(have.n);
}

export async function selectRegencyName(db: Db, code: string): Promise<string | undefined> {
  return (await db.selectFrom('regencies').select('name').where('code', '=', code).executeTakeFirst())?.name;
}

export async function selectKecamatanOf(db: Db, regencyCode: string) {
  const rows = await db
    .selectFrom('kecamatan as k')
    .leftJoin('villages as v', 'v.kecamatan_code', 'k.code')
    .select(['k.code', 'k.name', (eb) => eb.fn.count<number>('v.code').as('villageCount')])
    .where('k.regency_code', '=', regencyCode)
    .groupBy(['k.code', 'k.name'])
    .orderBy('k.name')
    .execute();
  return rows.map((r) => ({ ...r, villageCount: Number(r.villageCount) }));
}

function villageQuery(db: Db, regencyCode: string) {
  return db
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
      'v.office_hours as officeHours',
    ])
    .where('k.regency_code', '=', regencyCode);
}

export function selectVillages(
  db: Db,
  regencyCode: string,
  filter: { kecamatanCode?: string | undefined; term?: string | null | undefined },
) {
  let query = villageQuery(db, regencyCode);
  if (filter.kecamatanCode) query = query.where('v.kecamatan_code', '=', filter.kecamatanCode);
  const term = filter.term;
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

export function selectVillageByCodeOrSlug(db: Db, regencyCode: string, codeOrSlug: string) {
  return villageQuery(db, regencyCode)
    .where((eb) => eb.or([eb('v.code', '=', codeOrSlug), eb('v.slug', '=', codeOrSlug)]))
    .executeTakeFirst();
}

/** The name of a kecamatan or village by code (any of Indonesia's kecamatan; this regency's villages). */
export async function selectAreaName(
  db: Db,
  table: 'kecamatan' | 'villages',
  code: string,
): Promise<string | undefined> {
  return (await db.selectFrom(table).select('name').where('code', '=', code).executeTakeFirst())?.name;
}

export async function areaExists(db: Db, table: 'kecamatan' | 'villages', code: string): Promise<boolean> {
  return Boolean(await db.selectFrom(table).select('code').where('code', '=', code).executeTakeFirst());
}

export async function updateVillageContacts(
  db: Db,
  code: string,
  values: { address: string; phone: string | null; email: string | null; office_hours: string | null },
): Promise<void> {
  await db.updateTable('villages').set(values).where('code', '=', code).execute();
}

/** The region's own code and every regency, kecamatan and village code below it, as an SQL array. */
export function codesWithin(code: string): RawBuilder<string[]> {
  const below = `${likeEscape(code)}.%`;
  return sql<string[]>`ARRAY(SELECT ${code}::text
    UNION ALL SELECT code FROM regencies WHERE code LIKE ${below}
    UNION ALL SELECT code FROM kecamatan WHERE code LIKE ${below}
    UNION ALL SELECT code FROM villages WHERE code LIKE ${below})`;
}
