import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';
import type { HealthScorecardEntryTable } from './scorecard-schema.ts';
import './scorecard-schema.ts';

/** The quarter's first and last day, and the first day of its last month. */
export interface QuarterSpan {
  start: string;
  end: string;
  /** first day of the month 11 months before the quarter's last month: the "in a year" window */
  yearStart: string;
}

/**
 * Pregnancies of a village during the quarter: a check on or before its last day, and not over
 * before its first day (ended then, or due more than six weeks before it and never closed).
 */
function pregnanciesOf(village: string, q: QuarterSpan) {
  return sql`
    SELECT p.id,
      count(k.id) FILTER (WHERE k.checked_on <= ${q.end}::date)::int AS checks,
      coalesce(sum(k.iron_tablets) FILTER (WHERE k.checked_on <= ${q.end}::date), 0)::int AS iron,
      coalesce(bool_or(k.kek_risk) FILTER (WHERE k.checked_on <= ${q.end}::date), false) AS kek
    FROM health_pregnancies p
    JOIN health_pregnancy_checks k ON k.pregnancy_id = p.id
    WHERE p.village_code = ${village}
      AND (p.ended_on >= ${q.start}::date
        OR (p.ended_on IS NULL AND (p.expected_date IS NULL OR p.expected_date >= ${q.start}::date - 42)))
    GROUP BY p.id
    HAVING min(k.checked_on) <= ${q.end}::date`;
}

export interface PregnancyCounts {
  pregnant: number;
  fourChecks: number;
  iron90: number;
  kek: number;
}

export async function pregnancyCounts(db: Db, village: string, q: QuarterSpan): Promise<PregnancyCounts> {
  const { rows } = await sql<{ pregnant: number; four: number; iron: number; kek: number }>`
    SELECT count(*)::int AS pregnant,
      count(*) FILTER (WHERE checks >= 4)::int AS four,
      count(*) FILTER (WHERE iron >= 90)::int AS iron,
      count(*) FILTER (WHERE kek)::int AS kek
    FROM (${pregnanciesOf(village, q)}) p`.execute(db);
  const r = rows[0];
  return {
    pregnant: Number(r?.pregnant ?? 0),
    fourChecks: Number(r?.four ?? 0),
    iron90: Number(r?.iron ?? 0),
    kek: Number(r?.kek ?? 0),
  };
}

export interface ChildCounts {
  /** children 0–23 months old on the quarter's last day */
  children: number;
  /** of those, weighed in every month of the quarter they were alive for */
  weighedMonthly: number;
  /** of those, length/height measured at least twice in the 12 months to the quarter's end */
  heightTwice: number;
  /** of those, stunted or wasted at their last measurement of the quarter (plausible z only) */
  atRisk: number;
  /** children 9–12 months old on the quarter's last day, and those with every basic immunisation */
  infants: number;
  immunised: number;
}

export async function childCounts(
  db: Db,
  village: string,
  q: QuarterSpan,
  basicImmunisations: readonly string[],
): Promise<ChildCounts> {
  const { rows } = await sql<{
    children: number;
    weighed: number;
    height: number;
    risk: number;
    infants: number;
    immunised: number;
  }>`
    WITH kids AS (
      SELECT c.id, (${q.end}::date - c.birth_date) AS age,
        (SELECT count(*) FROM generate_series(${q.start}::date, ${q.end}::date, interval '1 month') g(m)
          WHERE c.birth_date < (g.m + interval '1 month')::date) AS months_alive,
        (SELECT count(*) FROM health_measurements m
          WHERE m.child_id = c.id AND m.weight_kg IS NOT NULL
            AND m.measured_month BETWEEN ${q.start}::date AND ${q.end}::date) AS weighed,
        (SELECT count(*) FROM health_measurements m
          WHERE m.child_id = c.id AND m.height_cm IS NOT NULL
            AND m.measured_on BETWEEN ${q.yearStart}::date AND ${q.end}::date) AS heights,
        (SELECT (m.haz < -2 AND NOT ('haz_implausible' = ANY (m.flags)))
              OR (m.whz < -2 AND NOT ('whz_implausible' = ANY (m.flags)))
          FROM health_measurements m
          WHERE m.child_id = c.id AND m.measured_on BETWEEN ${q.start}::date AND ${q.end}::date
          ORDER BY m.measured_on DESC LIMIT 1) AS risk,
        coalesce((SELECT array_agg(DISTINCT code) FROM health_measurements m, unnest(m.immunisations) code
          WHERE m.child_id = c.id AND m.measured_on <= ${q.end}::date), '{}') AS given
      FROM health_children c
      WHERE c.village_code = ${village} AND c.active
        AND c.birth_date <= ${q.end}::date AND c.birth_date > ${q.end}::date - 731
    )
    SELECT
      count(*) FILTER (WHERE age <= 730)::int AS children,
      count(*) FILTER (WHERE age <= 730 AND weighed >= months_alive)::int AS weighed,
      count(*) FILTER (WHERE age <= 730 AND heights >= 2)::int AS height,
      count(*) FILTER (WHERE age <= 730 AND risk)::int AS risk,
      count(*) FILTER (WHERE age BETWEEN 270 AND 365)::int AS infants,
      count(*) FILTER (WHERE age BETWEEN 270 AND 365
        AND given @> ${sql.val([...basicImmunisations])}::text[])::int AS immunised
    FROM kids`.execute(db);
  const r = rows[0];
  return {
    children: Number(r?.children ?? 0),
    weighedMonthly: Number(r?.weighed ?? 0),
    heightTwice: Number(r?.height ?? 0),
    atRisk: Number(r?.risk ?? 0),
    infants: Number(r?.infants ?? 0),
    immunised: Number(r?.immunised ?? 0),
  };
}

export async function entries(db: Db, village: string, year: number, quarter: number) {
  return db
    .selectFrom('health_scorecard_entries')
    .select(['indicator', 'achieved', 'target', 'updated_at'])
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .execute();
}

export async function saveEntries(
  db: Db,
  rows: Array<Omit<Selectable<HealthScorecardEntryTable>, 'updated_at'>>,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('health_scorecard_entries')
    .values(rows.map((r) => ({ ...r, updated_at: now })))
    .onConflict((oc) =>
      oc.columns(['village_code', 'year', 'quarter', 'indicator']).doUpdateSet((eb) => ({
        achieved: eb.ref('excluded.achieved'),
        target: eb.ref('excluded.target'),
        entered_by: eb.ref('excluded.entered_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function removeEntries(
  db: Db,
  village: string,
  year: number,
  quarter: number,
  indicators: readonly string[],
): Promise<void> {
  if (indicators.length === 0) return;
  await db
    .deleteFrom('health_scorecard_entries')
    .where('village_code', '=', village)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .where('indicator', 'in', [...indicators])
    .execute();
}
