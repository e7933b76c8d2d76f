import { type RawBuilder, sql } from 'kysely';
import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';

/**
 * The SQL behind the stunting figures: one grouped query per question, whatever the number of
 * villages (no query per village). Measurement counts are read from the monthly rollup
 * `health_monthly_village` (`rollup.ts`, kept by the database on every write); registered
 * children stay a direct, indexed count. A measurement counts for an indicator only when its z-score
 * exists and is not flagged implausible (WHO: |HAZ| > 6, WAZ < −6 or > 5, |WHZ| > 5 are left out
 * of prevalence, not corrected); "stunted", "wasted", "underweight" are z < −2.
 */

export interface MonthCounts {
  /** children measured in the month (one measurement per child per month) */
  measured: number;
  /** measurements with a plausible height-for-age z, and those below −2 */
  hazAssessed: number;
  stunted: number;
  whzAssessed: number;
  wasted: number;
  wazAssessed: number;
  underweight: number;
}

export interface GroupCounts extends MonthCounts {
  /** the village code, kecamatan code or posyandu id the row is about */
  key: string;
}

/** Under five: 0–59 months, as the figures of SSGI and e-PPGBM count them. */
export const UNDER_FIVE_DAYS = 1826;

export type Grouping = 'village' | 'kecamatan' | 'posyandu';

function regionFilter(column: RawBuilder<unknown>, region: string): RawBuilder<unknown> {
  // every row of an instance is in its regency: no filter, so the month index alone is read
  if (scopeLevel(region) === 'regency') return sql`true`;
  return sql`(${column} = ${region} OR ${column} LIKE ${`${region}.%`})`;
}

function groupKey(grouping: Grouping): RawBuilder<string> {
  if (grouping === 'posyandu') return sql<string>`m.posyandu_id::text`;
  // a kecamatan code is the first 8 characters of its villages' codes (36.04.05.2001 → 36.04.05)
  if (grouping === 'kecamatan') return sql<string>`substr(m.village_code, 1, 8)`;
  return sql<string>`m.village_code`;
}

/** The counts are sums over `health_monthly_village` (`rollup.ts` defines what each counts). */
const COUNTS = sql`
  coalesce(sum(m.measured), 0)::int AS measured,
  coalesce(sum(m.haz_assessed), 0)::int AS haz_assessed,
  coalesce(sum(m.stunted), 0)::int AS stunted,
  coalesce(sum(m.whz_assessed), 0)::int AS whz_assessed,
  coalesce(sum(m.wasted), 0)::int AS wasted,
  coalesce(sum(m.waz_assessed), 0)::int AS waz_assessed,
  coalesce(sum(m.underweight), 0)::int AS underweight`;

interface CountRow {
  measured: number;
  haz_assessed: number;
  stunted: number;
  whz_assessed: number;
  wasted: number;
  waz_assessed: number;
  underweight: number;
}

function toCounts(row: CountRow | undefined): MonthCounts {
  return {
    measured: Number(row?.measured ?? 0),
    hazAssessed: Number(row?.haz_assessed ?? 0),
    stunted: Number(row?.stunted ?? 0),
    whzAssessed: Number(row?.whz_assessed ?? 0),
    wasted: Number(row?.wasted ?? 0),
    wazAssessed: Number(row?.waz_assessed ?? 0),
    underweight: Number(row?.underweight ?? 0),
  };
}

/** One month's counts of a region (first day of the month as `month`). */
export async function monthCounts(db: Db, region: string, month: string): Promise<MonthCounts> {
  const { rows } = await sql<CountRow>`
    SELECT ${COUNTS}
    FROM health_monthly_village m
    WHERE m.month = ${month}::date
      AND ${regionFilter(sql.ref('m.village_code'), region)}`.execute(db);
  return toCounts(rows[0]);
}

/** One month's counts of a region, one row per village, kecamatan or posyandu that has any. */
export async function monthCountsBy(
  db: Db,
  region: string,
  month: string,
  grouping: Grouping,
): Promise<GroupCounts[]> {
  const key = groupKey(grouping);
  const { rows } = await sql<CountRow & { key: string }>`
    SELECT ${key} AS key, ${COUNTS}
    FROM health_monthly_village m
    WHERE m.month = ${month}::date
      AND ${regionFilter(sql.ref('m.village_code'), region)}
    GROUP BY 1`.execute(db);
  return rows.map((row) => ({ key: row.key, ...toCounts(row) }));
}

/** Counts of every month from `from` to `to` (first days), one row per month that has any. */
export async function trendCounts(
  db: Db,
  region: string,
  from: string,
  to: string,
): Promise<Array<MonthCounts & { month: string }>> {
  const { rows } = await sql<CountRow & { month: string }>`
    SELECT to_char(m.month, 'YYYY-MM') AS month, ${COUNTS}
    FROM health_monthly_village m
    WHERE m.month BETWEEN ${from}::date AND ${to}::date
      AND ${regionFilter(sql.ref('m.village_code'), region)}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return rows.map((row) => ({ month: row.month, ...toCounts(row) }));
}

/** When the rollup rows behind a region's months last changed (null: nothing counted yet). */
export async function countsAsOf(db: Db, region: string, from: string, to: string): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    SELECT max(m.refreshed_at) AS at FROM health_monthly_village m
    WHERE m.month BETWEEN ${from}::date AND ${to}::date
      AND ${regionFilter(sql.ref('m.village_code'), region)}`.execute(db);
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

function registeredWhere(region: string, monthEnd: string) {
  // in today's registry, active and under five on the last day of the month
  return sql`c.active AND c.birth_date <= ${monthEnd}::date
    AND c.birth_date > (${monthEnd}::date - ${UNDER_FIVE_DAYS}::int)
    AND ${regionFilter(sql.ref('c.village_code'), region)}`;
}

/** Children under five registered in the region on the last day of the month. */
export async function registeredUnderFive(db: Db, region: string, monthEnd: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM health_children c WHERE ${registeredWhere(region, monthEnd)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The same, one row per village, kecamatan or posyandu. */
export async function registeredUnderFiveBy(
  db: Db,
  region: string,
  monthEnd: string,
  grouping: Grouping,
): Promise<Map<string, number>> {
  const key =
    grouping === 'posyandu'
      ? sql`c.posyandu_id::text`
      : grouping === 'kecamatan'
        ? sql`substr(c.village_code, 1, 8)`
        : sql`c.village_code`;
  const { rows } = await sql<{ key: string; n: number }>`
    SELECT ${key} AS key, count(*)::int AS n FROM health_children c
    WHERE ${registeredWhere(region, monthEnd)} GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Names of a village's posyandu, by id (the village page's table is by posyandu). */
export async function posyanduNames(db: Db, villageCode: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('health_posyandu')
    .select(['id', 'name'])
    .where('village_code', '=', villageCode)
    .orderBy('name')
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
