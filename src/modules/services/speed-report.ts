import { type RawBuilder, sql } from 'kysely';
import { regionContains } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inRegionSql, rangesSql, rowsInRanges, splitPeriod, withoutJit } from '../../platform/day-rollup.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { queueScope } from './policy.ts';
import { ISSUED, RETURNED, speedRollupState, WHOLE_DAYS, WITHIN_TARGET } from './rollup.ts';
import './schema.ts';

/** One service in one village over a period: how many came in, how fast the office answered. */
export interface SpeedRow {
  /** empty when the rows are per service only; the kecamatan's code when they are `by: 'kecamatan'` */
  villageCode: string;
  /** empty when the rows are per village only */
  serviceSlug: string;
  /** the service's name (Indonesian, as the catalog shows it) */
  serviceName: string;
  /** filed (submitted) within the period */
  submitted: number;
  /** issued within the period (ready or collected) */
  issued: number;
  /**
   * median and 90th percentile of the whole days from filing to issue (`percentile_cont`: linear
   * between the two nearest requests), one decimal; null when nothing was issued
   */
  medianDays: number | null;
  p90Days: number | null;
  /** of those issued, finished by their due time, in percent */
  withinTargetPercent: number | null;
  /** of those filed in the period, returned to the applicant for correction at least once, in percent */
  returnedPercent: number | null;
}

export interface SpeedReport {
  rows: SpeedRow[];
  /** when the rollup was last refreshed (null: never); what was written since is counted live */
  refreshedAt: Date | null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function days(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
}

/** `both`: the per-service rows (villageCode '') and the per-village-and-service rows, in one scan. */
export type SpeedGrouping = 'village_service' | 'service' | 'village' | 'both';

/** Rows per village (the default) or per kecamatan (the villages of each added up). */
export type SpeedArea = 'village' | 'kecamatan';

type SpeedInput = {
  from: Date;
  to: Date;
  region?: string | null;
  grouping?: SpeedGrouping;
  by?: SpeedArea;
};

/** Which requests (or rollup rows) a report counts, as a condition on a table alias with village_code and service_id. */
function scopeSql(ctx: Ctx, input: SpeedInput, alias: string): RawBuilder<unknown> {
  const scope = queueScope(ctx.actor);
  if (input.region && 'region' in scope && scope.region && !regionContains(scope.region, input.region))
    throw new Forbidden();
  const own =
    'agency' in scope
      ? sql`${sql.ref(`${alias}.service_id`)} IN (SELECT id FROM services WHERE owner_code = ${scope.agency})`
      : inRegionSql(`${alias}.village_code`, scope.region);
  return sql`${own} AND ${inRegionSql(`${alias}.village_code`, input.region)}`;
}

function groupingSql(grouping: SpeedGrouping, extra: string[] = []) {
  const tail = extra.map((c) => `, ${c}`).join('');
  return sql.raw(grouping === 'both' ? `GROUPING SETS ((v, s${tail}), (s${tail}))` : `v, s${tail}`);
}

/** A kecamatan's code is the first three parts of its villages' codes (`36.04.05` of `36.04.05.2001`). */
const KECAMATAN_CODE_LENGTH = 8;

function keysSql(grouping: SpeedGrouping, alias: string, by: SpeedArea = 'village') {
  const area =
    by === 'kecamatan' ? `left(${alias}.village_code, ${KECAMATAN_CODE_LENGTH})` : `${alias}.village_code`;
  const v = grouping === 'service' ? `''` : area;
  const s = grouping === 'village' ? 'NULL::uuid' : `${alias}.service_id`;
  return sql.raw(`${v} AS v, ${s} AS s`);
}

/** A percentile of the histogram h (days, n, cum, total), as percentile_cont computes it from the requests. */
function percentileSql(p: number) {
  const pos = sql.raw(`(${p} * (total - 1))`);
  const at = (index: RawBuilder<unknown>) => sql`min(days) FILTER (WHERE cum > ${index})`;
  return sql`(${at(sql`floor(${pos})`)} + (max(${pos}) - floor(max(${pos}))) * (${at(sql`ceil(${pos})`)} - ${at(sql`floor(${pos})`)}))`;
}

/**
 * Service speed per service and village (or per service, or per village) for requests in the
 * actor's scope (a region's villages, or an agency's own services), narrowed to `region` when
 * given, filed or issued in [from, to). Whole days untouched since the last refresh are read from
 * the rollup; the rest (partial edge days, days written since) is counted live from the requests,
 * so the figures equal `speedReportLive`'s. Aggregates only: no applicant is in a row.
 */
export async function speedReportWithClock(ctx: Ctx, input: SpeedInput): Promise<SpeedReport> {
  const grouping = input.grouping ?? 'village_service';
  const state = await speedRollupState(ctx.db, input);
  const split = splitPeriod(input, state.dirty);
  const rolled = split.firstDay
    ? sql`d.day >= ${split.firstDay}::date AND d.day < ${split.endDay}::date AND d.day <> ALL (${split.dirtyDays}::date[]) AND ${scopeSql(ctx, input, 'd')}`
    : sql`false`;
  const live = scopeSql(ctx, input, 'r');
  const filedIn = rowsInRanges('service_requests', 'r', 'submitted_at');
  const issuedIn = rowsInRanges('service_requests', 'r', 'finished_at');
  const ranges = rangesSql(split.liveRanges);
  const [totals, percentiles] = await withoutJit(ctx.db, (db) =>
    Promise.all([
      sql<Omit<CountedRow, 'median' | 'p90'>>`
      WITH src AS (
        SELECT ${keysSql(grouping, 'd', input.by)}, d.submitted, d.issued, d.within_target, d.returned
          FROM service_speed_daily d WHERE ${rolled}
        UNION ALL
        SELECT ${keysSql(grouping, 'r', input.by)}, 1, 0, 0, (${RETURNED})::int
          FROM ${ranges} ${filedIn} WHERE r.state <> 'draf' AND ${live}
        UNION ALL
        SELECT ${keysSql(grouping, 'r', input.by)}, 0, 1, (${WITHIN_TARGET})::int, 0
          FROM ${ranges} ${issuedIn} WHERE ${ISSUED} AND ${live})
      SELECT v, s, sum(submitted)::int AS submitted, sum(issued)::int AS issued,
        sum(within_target)::int AS within, sum(returned)::int AS returned
      FROM src GROUP BY ${groupingSql(grouping)}`.execute(db),
      sql<{ v: string | null; s: string | null; median: number | null; p90: number | null }>`
      WITH src AS (
        SELECT ${keysSql(grouping, 'd', input.by)}, d.days, d.issued AS n FROM service_speed_durations d WHERE ${rolled}
        UNION ALL
        SELECT ${keysSql(grouping, 'r', input.by)}, ${WHOLE_DAYS}, 1
          FROM ${ranges} ${issuedIn} WHERE ${ISSUED} AND ${live}),
      h AS (SELECT v, s, days, sum(n) AS n FROM src GROUP BY ${groupingSql(grouping, ['days'])}),
      c AS (SELECT v, s, days, sum(n) OVER (PARTITION BY v, s ORDER BY days) AS cum,
              sum(n) OVER (PARTITION BY v, s) AS total FROM h)
      SELECT v, s, ${percentileSql(0.5)} AS median, ${percentileSql(0.9)} AS p90
      FROM c GROUP BY v, s`.execute(db),
    ]),
  );
  const key = (r: { v: string | null; s: string | null }) => `${r.v ?? ''}|${r.s ?? ''}`;
  const byKey = new Map(percentiles.rows.map((r) => [key(r), r]));
  const rows = await speedRows(
    ctx,
    totals.rows
      .filter((r) => r.submitted > 0 || r.issued > 0)
      .map((r) => ({ ...r, median: byKey.get(key(r))?.median ?? null, p90: byKey.get(key(r))?.p90 ?? null })),
  );
  return { rows, refreshedAt: state.refreshedAt };
}

/** `speedReportWithClock`'s rows. */
export async function speedReport(ctx: Ctx, input: SpeedInput): Promise<SpeedRow[]> {
  return (await speedReportWithClock(ctx, input)).rows;
}

interface CountedRow {
  v: string | null;
  s: string | null;
  submitted: number;
  issued: number;
  within: number;
  returned: number;
  median: number | null;
  p90: number | null;
}

async function speedRows(ctx: Ctx, counted: CountedRow[]): Promise<SpeedRow[]> {
  const names = await serviceNames(
    ctx,
    counted.flatMap((r) => (r.s ? [r.s] : [])),
  );
  const result = counted.map((r) => ({
    villageCode: r.v ?? '',
    serviceSlug: r.s ? (names.get(r.s)?.slug ?? '') : '',
    serviceName: r.s ? (names.get(r.s)?.name ?? '') : '',
    submitted: Number(r.submitted),
    issued: Number(r.issued),
    medianDays: days(r.median),
    p90Days: days(r.p90),
    withinTargetPercent: share(Number(r.within), Number(r.issued)),
    returnedPercent: share(Number(r.returned), Number(r.submitted)),
  }));
  return result.sort(
    (a, b) => a.villageCode.localeCompare(b.villageCode) || a.serviceSlug.localeCompare(b.serviceSlug),
  );
}

/**
 * The same report counted from the requests alone, with `percentile_cont` (the definition the
 * rollup reproduces; the tests and the bench compare the two).
 */
export async function speedReportLive(ctx: Ctx, input: SpeedInput): Promise<SpeedRow[]> {
  const grouping = input.grouping ?? 'village_service';
  const inPeriod = (column: string) =>
    sql`${sql.ref(column)} >= ${input.from} AND ${sql.ref(column)} < ${input.to}`;
  const issued = sql`${ISSUED} AND ${inPeriod('r.finished_at')}`;
  const { rows } = await sql<CountedRow>`
    SELECT v, s,
      count(*) FILTER (WHERE ${inPeriod('r.submitted_at')})::int AS submitted,
      count(*) FILTER (WHERE ${issued})::int AS issued,
      count(*) FILTER (WHERE ${issued} AND ${WITHIN_TARGET})::int AS within,
      count(*) FILTER (WHERE ${inPeriod('r.submitted_at')} AND ${RETURNED})::int AS returned,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${WHOLE_DAYS}) FILTER (WHERE ${issued}) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${WHOLE_DAYS}) FILTER (WHERE ${issued}) AS p90
    FROM (SELECT ${keysSql(grouping, 'r', input.by)}, r.* FROM service_requests r
      WHERE r.state <> 'draf' AND ${scopeSql(ctx, input, 'r')}
        AND ((${inPeriod('r.submitted_at')}) OR (${inPeriod('r.finished_at')}))) r
    GROUP BY ${groupingSql(grouping)}`.execute(ctx.db);
  return speedRows(ctx, rows);
}

/** Slug and Indonesian name of each service, from its current version. */
async function serviceNames(ctx: Ctx, ids: string[]): Promise<Map<string, { slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('services as s')
    .innerJoin('service_versions as v', (join) =>
      join.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'),
    )
    .select(['s.id', 's.slug', sql<string>`v.definition->'name'->>'id'`.as('name')])
    .where('s.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { slug: r.slug, name: r.name }]));
}
