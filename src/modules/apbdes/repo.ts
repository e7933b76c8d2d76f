import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { BudgetStatus } from './schema.ts';
import type { Section } from './structure.ts';
import './schema.ts';

export interface LineRow {
  section: Section;
  code: string;
  name: string;
  budget: number;
  realised_s1: number;
  realised_s2: number;
}

export interface NewLine extends LineRow {
  sort_key: string;
}

export function selectBudget(db: Db, villageCode: string, year: number) {
  return db
    .selectFrom('apbdes')
    .selectAll()
    .where('village_code', '=', villageCode)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function selectLines(db: Db, apbdesId: string): Promise<LineRow[]> {
  return db
    .selectFrom('apbdes_lines')
    .select(['section', 'code', 'name', 'budget', 'realised_s1', 'realised_s2'])
    .where('apbdes_id', '=', apbdesId)
    .orderBy(sql`CASE section WHEN 'pendapatan' THEN 0 WHEN 'belanja' THEN 1 ELSE 2 END`)
    .orderBy('sort_key')
    .execute();
}

/** The year's row, made when missing (a draft); locked for the rest of the transaction. */
export async function lockBudget(
  db: Db,
  villageCode: string,
  year: number,
  now: Date,
  by: string | null,
): Promise<{ id: string; status: BudgetStatus }> {
  await db
    .insertInto('apbdes')
    .values({ village_code: villageCode, year, status: 'draft', updated_at: now, updated_by: by })
    .onConflict((oc) => oc.columns(['village_code', 'year']).doNothing())
    .execute();
  return db
    .selectFrom('apbdes')
    .select(['id', 'status'])
    .where('village_code', '=', villageCode)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function touchBudget(
  db: Db,
  id: string,
  values: { now: Date; by: string | null; status?: BudgetStatus },
): Promise<void> {
  await db
    .updateTable('apbdes')
    .set({
      updated_at: values.now,
      updated_by: values.by,
      ...(values.status
        ? { status: values.status, published_at: values.status === 'published' ? values.now : null }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function upsertLine(
  db: Db,
  apbdesId: string,
  villageCode: string,
  line: NewLine,
): Promise<void> {
  await db
    .insertInto('apbdes_lines')
    .values({ apbdes_id: apbdesId, village_code: villageCode, ...line })
    .onConflict((oc) =>
      oc.columns(['apbdes_id', 'code']).doUpdateSet({
        name: line.name,
        section: line.section,
        sort_key: line.sort_key,
        budget: line.budget,
        realised_s1: line.realised_s1,
        realised_s2: line.realised_s2,
      }),
    )
    .execute();
}

export async function deleteLine(db: Db, apbdesId: string, code: string): Promise<number> {
  const result = await db
    .deleteFrom('apbdes_lines')
    .where('apbdes_id', '=', apbdesId)
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The year's lines replaced by these, in one statement each (the caller holds the transaction). */
export async function replaceLines(
  db: Db,
  apbdesId: string,
  villageCode: string,
  lines: NewLine[],
): Promise<void> {
  await db.deleteFrom('apbdes_lines').where('apbdes_id', '=', apbdesId).execute();
  for (let i = 0; i < lines.length; i += 500) {
    const batch = lines.slice(i, i + 500);
    await db
      .insertInto('apbdes_lines')
      .values(batch.map((line) => ({ apbdes_id: apbdesId, village_code: villageCode, ...line })))
      .execute();
  }
}

export interface VillageYear {
  village_code: string;
  year: number;
  status: BudgetStatus;
  published_at: Date | null;
  updated_at: Date;
  lines: number;
}

/** Every APBDes of villages under a region code (a kecamatan, the regency), newest year first. */
export function selectBudgetsIn(db: Db, regionCode: string): Promise<VillageYear[]> {
  return db
    .selectFrom('apbdes as a')
    .leftJoin('apbdes_lines as l', 'l.apbdes_id', 'a.id')
    .select(['a.village_code', 'a.year', 'a.status', 'a.published_at', 'a.updated_at'])
    .select((eb) => eb.fn.count<number>('l.id').as('lines'))
    .where((eb) =>
      eb.or([eb('a.village_code', '=', regionCode), eb('a.village_code', 'like', `${regionCode}.%`)]),
    )
    .groupBy(['a.village_code', 'a.year', 'a.status', 'a.published_at', 'a.updated_at'])
    .orderBy('a.year', 'desc')
    .orderBy('a.village_code')
    .execute();
}

export function selectPublishedYears(db: Db, villageCode?: string): Promise<number[]> {
  let query = db.selectFrom('apbdes').select('year').distinct().where('status', '=', 'published');
  if (villageCode) query = query.where('village_code', '=', villageCode);
  return query
    .orderBy('year', 'desc')
    .execute()
    .then((rows) => rows.map((r) => r.year));
}

export interface VillageAggregate {
  village_code: string;
  section: Section;
  group_code: string;
  budget: number;
  realised: number;
}

/**
 * Sums of every published APBDes of a year by village, section and group: pendapatan by source
 * (the object code), belanja by bidang, pembiayaan by 6.1 / 6.2.
 */
export function selectPublishedAggregates(db: Db, year: number): Promise<VillageAggregate[]> {
  const group = sql<string>`CASE l.section
      WHEN 'belanja' THEN split_part(l.code, '.', 1)
      WHEN 'pembiayaan' THEN left(l.code, 3)
      ELSE l.code END`;
  return db
    .selectFrom('apbdes as a')
    .innerJoin('apbdes_lines as l', 'l.apbdes_id', 'a.id')
    .select(['a.village_code', 'l.section'])
    .select(group.as('group_code'))
    .select(sql<number>`sum(l.budget)::bigint`.as('budget'))
    .select(sql<number>`sum(l.realised_s1 + l.realised_s2)::bigint`.as('realised'))
    .where('a.year', '=', year)
    .where('a.status', '=', 'published')
    .groupBy(['a.village_code', 'l.section', group])
    .execute();
}

export function selectPublishedVillages(db: Db, year: number): Promise<string[]> {
  return db
    .selectFrom('apbdes')
    .select('village_code')
    .where('year', '=', year)
    .where('status', '=', 'published')
    .execute()
    .then((rows) => rows.map((r) => r.village_code));
}
