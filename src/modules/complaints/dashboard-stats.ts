import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inRegionSql, rangesSql, rowsInRanges, splitPeriod, withoutJit } from '../../platform/day-rollup.ts';
import { openNotDueSql } from './open-counts.ts';
import { CURRENT_DUE } from './repo.ts';
import { complaintRollupState, RESOLVED_ON_TIME } from './rollup.ts';
import { OPEN_STATES } from './states.ts';
import './schema.ts';

/** Whose reports a dashboard counts: a region's villages, or those routed to one agency. */
export type ComplaintStatsScope = { region: string | null } | { agency: string };

export interface ComplaintCounts {
  key: string;
  name: string;
  /** filed within the period */
  received: number;
  /** open now */
  open: number;
  /** open now and past the due time of the stage they are in */
  overdue: number;
  /** resolved within the period */
  resolved: number;
  /** of those, resolved by their resolve due time */
  resolvedOnTime: number;
  /** mean position of the reports that carry one (a kecamatan's point on the map) */
  lat: number | null;
  lng: number | null;
}

export interface ComplaintStats {
  byKecamatan: ComplaintCounts[];
  byHandler: ComplaintCounts[];
  byCategory: ComplaintCounts[];
  /** when the rollup was last refreshed (null: never); what was written since is counted live */
  refreshedAt: Date | null;
}

/** Counts of one (kecamatan, handler, category): the finest grouping the pages add up. */
interface Cell {
  kecamatan_code: string;
  handler_kind: string;
  handler_code: string;
  category_code: string;
  received: number;
  open: number;
  overdue: number;
  resolved: number;
  on_time: number;
  lat_sum: number;
  lat_n: number;
  lng_sum: number;
  lng_n: number;
}

const KEYS = 'kecamatan_code, handler_kind, handler_code, category_code';

function scopeSql(scope: ComplaintStatsScope, alias: string): RawBuilder<unknown> {
  return 'agency' in scope
    ? sql`${sql.ref(`${alias}.handler_kind`)} = 'agency' AND ${sql.ref(`${alias}.handler_code`)} = ${scope.agency}`
    : inRegionSql(`${alias}.village_code`, scope.region);
}

async function countCells(
  ctx: Ctx,
  scope: ComplaintStatsScope,
  period: { from: Date; to: Date },
): Promise<{ cells: Cell[]; refreshedAt: Date | null }> {
  const state = await complaintRollupState(ctx.db, period);
  const split = splitPeriod(period, state.dirty);
  const rolled = split.firstDay
    ? sql`d.day >= ${split.firstDay}::date AND d.day < ${split.endDay}::date AND d.day <> ALL (${split.dirtyDays}::date[]) AND ${scopeSql(scope, 'd')}`
    : sql`false`;
  const ranges = rangesSql(split.liveRanges);
  const keys = sql.raw(KEYS);
  const cKeys = sql.raw(
    KEYS.split(', ')
      .map((k) => `c.${k}`)
      .join(', '),
  );
  const { rows } = await withoutJit(ctx.db, (db) =>
    sql<Cell>`
    WITH src AS (
      SELECT ${keys}, received, 0 AS open, 0 AS overdue, resolved, resolved_on_time AS on_time,
          lat_sum, lat_n, lng_sum, lng_n
        FROM complaint_daily d WHERE ${rolled}
      UNION ALL
      SELECT ${cKeys}, 1, 0, 0, 0, 0, coalesce(c.lat, 0), (c.lat IS NOT NULL)::int, coalesce(c.lng, 0), (c.lng IS NOT NULL)::int
        FROM ${ranges} ${rowsInRanges('complaints', 'c', 'created_at')} WHERE ${scopeSql(scope, 'c')}
      UNION ALL
      SELECT ${cKeys}, 0, 0, 0, 1, (${RESOLVED_ON_TIME})::int, 0, 0, 0, 0
        FROM ${ranges} ${rowsInRanges('complaints', 'c', 'resolved_at')} WHERE ${scopeSql(scope, 'c')}
      UNION ALL
      SELECT ${keys}, 0, o.open, o.open, 0, 0, 0, 0, 0, 0 FROM complaint_open_counts o
        WHERE o.open <> 0 AND ${scopeSql(scope, 'o')}
      UNION ALL
      SELECT ${cKeys}, 0, 0, -1, 0, 0, 0, 0, 0, 0
        FROM complaints c WHERE ${openNotDueSql(ctx.clock.now())} AND ${scopeSql(scope, 'c')})
    SELECT ${keys}, sum(received)::int AS received, sum(open)::int AS open, sum(overdue)::int AS overdue,
      sum(resolved)::int AS resolved, sum(on_time)::int AS on_time,
      sum(lat_sum)::float8 AS lat_sum, sum(lat_n)::int AS lat_n, sum(lng_sum)::float8 AS lng_sum, sum(lng_n)::int AS lng_n
    FROM src GROUP BY ${keys}`.execute(db),
  );
  return { cells: rows, refreshedAt: state.refreshedAt };
}

/** The cells added up per key, named, in key order. */
function addUp(cells: Cell[], keyOf: (c: Cell) => string, names: Map<string, string>): ComplaintCounts[] {
  const sums = new Map<string, Cell>();
  for (const cell of cells) {
    const key = keyOf(cell);
    const sum = sums.get(key);
    if (!sum) {
      sums.set(key, { ...cell });
      continue;
    }
    for (const field of [
      'received',
      'open',
      'overdue',
      'resolved',
      'on_time',
      'lat_sum',
      'lat_n',
      'lng_sum',
      'lng_n',
    ] as const)
      sum[field] = Number(sum[field]) + Number(cell[field]);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => ({
      key,
      name: names.get(key) ?? key,
      received: Number(s.received),
      open: Number(s.open),
      overdue: Number(s.overdue),
      resolved: Number(s.resolved),
      resolvedOnTime: Number(s.on_time),
      lat: Number(s.lat_n) > 0 ? Number(s.lat_sum) / Number(s.lat_n) : null,
      lng: Number(s.lng_n) > 0 ? Number(s.lng_sum) / Number(s.lng_n) : null,
    }));
}

const handlerKey = (c: Cell) => `${c.handler_kind}:${c.handler_code}`;

/** Names of the kecamatan, categories and handlers (agency short name, or the village's name) in the cells. */
async function names(ctx: Ctx, cells: Cell[]) {
  const codes = (pick: (c: Cell) => string | null) => [
    ...new Set(cells.flatMap((c) => (pick(c) === null ? [] : [pick(c) as string]))),
    '',
  ];
  const [kecamatan, categories, agencies, villages] = await Promise.all([
    ctx.db
      .selectFrom('kecamatan')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        codes((c) => c.kecamatan_code),
      )
      .execute(),
    ctx.db
      .selectFrom('complaint_categories')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        codes((c) => c.category_code),
      )
      .execute(),
    ctx.db
      .selectFrom('agencies')
      .select(['code', 'short_name as name'])
      .where(
        'code',
        'in',
        codes((c) => (c.handler_kind === 'agency' ? c.handler_code : null)),
      )
      .execute(),
    ctx.db
      .selectFrom('villages')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        codes((c) => (c.handler_kind === 'village' ? c.handler_code : null)),
      )
      .execute(),
  ]);
  return {
    kecamatan: new Map(kecamatan.map((r) => [r.code, r.name])),
    categories: new Map(categories.map((r) => [r.code, r.name])),
    handlers: new Map([
      ...agencies.map((r) => [`agency:${r.code}`, r.name] as const),
      ...villages.map((r) => [`village:${r.code}`, r.name] as const),
    ]),
  };
}

/**
 * Reports counted per kecamatan, per handler (agency or village office) and per category: filed
 * and resolved within [from, to) (whole days untouched since the last refresh from the rollup, the
 * rest live from the reports), open and overdue now (from the open-reports index). Confidential
 * reports are counted too: a count names nobody. The caller (a dashboard) has decided the scope
 * by its own policy.
 */
export async function complaintStats(
  ctx: Ctx,
  scope: ComplaintStatsScope,
  period: { from: Date; to: Date },
): Promise<ComplaintStats> {
  const { cells, refreshedAt } = await countCells(ctx, scope, period);
  const named = await names(ctx, cells);
  return {
    byKecamatan: addUp(cells, (c) => c.kecamatan_code, named.kecamatan),
    byHandler: addUp(cells, handlerKey, named.handlers),
    byCategory: addUp(cells, (c) => c.category_code, named.categories),
    refreshedAt,
  };
}

type Grouping = 'kecamatan' | 'handler' | 'category';

async function countsBy(
  ctx: Ctx,
  scope: ComplaintStatsScope,
  period: { from: Date; to: Date },
  grouping: Grouping,
): Promise<ComplaintCounts[]> {
  const now = ctx.clock.now();
  const open = sql<SqlBool>`c.state IN (${sql.join([...OPEN_STATES])})`;
  const received = sql<SqlBool>`c.created_at >= ${period.from} AND c.created_at < ${period.to}`;
  const resolved = sql<SqlBool>`c.resolved_at >= ${period.from} AND c.resolved_at < ${period.to}`;
  // only the table that names this grouping's rows is joined
  let query = ctx.db
    .selectFrom('complaints as c')
    .$if(grouping === 'kecamatan', (q) => q.leftJoin('kecamatan as k', 'k.code', 'c.kecamatan_code'))
    .$if(grouping === 'category', (q) =>
      q.leftJoin('complaint_categories as cat', 'cat.code', 'c.category_code'),
    )
    .$if(grouping === 'handler', (q) =>
      q
        .leftJoin('agencies as a', (join) =>
          join.onRef('a.code', '=', 'c.handler_code').on('c.handler_kind', '=', 'agency'),
        )
        .leftJoin('villages as v', 'v.code', 'c.village_code'),
    )
    .where(sql<SqlBool>`((${open}) OR (${received}) OR (${resolved}))`);
  query =
    'agency' in scope
      ? query.where('c.handler_kind', '=', 'agency').where('c.handler_code', '=', scope.agency)
      : whereInRegion(query, 'c.village_code', scope.region);
  const key =
    grouping === 'kecamatan'
      ? sql<string>`c.kecamatan_code`
      : grouping === 'category'
        ? sql<string>`c.category_code`
        : sql<string>`c.handler_kind || ':' || c.handler_code`;
  const name =
    grouping === 'kecamatan'
      ? sql<string>`coalesce(min(k.name), c.kecamatan_code)`
      : grouping === 'category'
        ? sql<string>`coalesce(min(cat.name), c.category_code)`
        : sql<string>`coalesce(min(a.short_name), min(v.name), min(c.handler_code))`;
  const rows = await query
    .select([
      key.as('key'),
      name.as('name'),
      sql<number>`count(*) FILTER (WHERE ${received})`.as('received'),
      sql<number>`count(*) FILTER (WHERE ${open})`.as('open'),
      sql<number>`count(*) FILTER (WHERE ${open} AND ${CURRENT_DUE} < ${now})`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE ${resolved})`.as('resolved'),
      sql<number>`count(*) FILTER (WHERE ${resolved} AND c.resolved_at <= c.resolve_due_at)`.as('on_time'),
      sql<number | null>`avg(c.lat) FILTER (WHERE ${received})`.as('lat'),
      sql<number | null>`avg(c.lng) FILTER (WHERE ${received})`.as('lng'),
    ])
    .groupBy(key)
    .orderBy(key)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    received: Number(r.received),
    open: Number(r.open),
    overdue: Number(r.overdue),
    resolved: Number(r.resolved),
    resolvedOnTime: Number(r.on_time),
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
  }));
}

/**
 * The same counts from the reports alone (the definition the rollup reproduces; the tests and the
 * bench compare the two).
 */
export async function complaintStatsLive(
  ctx: Ctx,
  scope: ComplaintStatsScope,
  period: { from: Date; to: Date },
): Promise<Omit<ComplaintStats, 'refreshedAt'>> {
  const [byKecamatan, byHandler, byCategory] = await Promise.all([
    countsBy(ctx, scope, period, 'kecamatan'),
    countsBy(ctx, scope, period, 'handler'),
    countsBy(ctx, scope, period, 'category'),
  ]);
  return { byKecamatan, byHandler, byCategory };
}
