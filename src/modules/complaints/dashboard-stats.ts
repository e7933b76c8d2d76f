import { type SqlBool, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { CURRENT_DUE } from './repo.ts';
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
 * Reports counted per kecamatan, per handler (agency or village office) and per category: filed
 * and resolved within [from, to), open and overdue now. Confidential reports are counted too: a
 * count names nobody. The caller (a dashboard) has decided the scope by its own policy.
 */
export async function complaintStats(
  ctx: Ctx,
  scope: ComplaintStatsScope,
  period: { from: Date; to: Date },
): Promise<ComplaintStats> {
  const [byKecamatan, byHandler, byCategory] = await Promise.all([
    countsBy(ctx, scope, period, 'kecamatan'),
    countsBy(ctx, scope, period, 'handler'),
    countsBy(ctx, scope, period, 'category'),
  ]);
  return { byKecamatan, byHandler, byCategory };
}
