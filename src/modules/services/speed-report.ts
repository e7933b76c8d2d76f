import { type SqlBool, sql } from 'kysely';
import { regionContains, whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { queueScope } from './policy.ts';
import './schema.ts';

/** One service in one village over a period: how many came in, how fast the office answered. */
export interface SpeedRow {
  /** empty when the rows are per service only */
  villageCode: string;
  /** empty when the rows are per village only */
  serviceSlug: string;
  /** the service's name (Indonesian, as the catalog shows it) */
  serviceName: string;
  /** filed (submitted) within the period */
  submitted: number;
  /** issued within the period (ready or collected) */
  issued: number;
  /** days from filing to issue, one decimal; null when nothing was issued */
  medianDays: number | null;
  p90Days: number | null;
  /** of those issued, finished by their due time, in percent */
  withinTargetPercent: number | null;
  /** of those filed in the period, returned to the applicant for correction at least once, in percent */
  returnedPercent: number | null;
}

const ISSUED = sql<boolean>`r.state IN ('siap_diambil', 'sudah_diambil') AND r.submitted_at IS NOT NULL`;

function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function days(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
}

/** `both`: the per-service rows (villageCode '') and the per-village-and-service rows, in one scan. */
export type SpeedGrouping = 'village_service' | 'service' | 'village' | 'both';

/**
 * Service speed per service and village (or per service, or per village) for requests in the
 * actor's scope (a region's villages, or an agency's own services), narrowed to `region` when
 * given, filed or issued in [from, to). Aggregates only: no applicant is in a row.
 */
export async function speedReport(
  ctx: Ctx,
  input: { from: Date; to: Date; region?: string | null; grouping?: SpeedGrouping },
): Promise<SpeedRow[]> {
  const scope = queueScope(ctx.actor);
  const period = input;
  const grouping = input.grouping ?? 'village_service';
  if (input.region && 'region' in scope && scope.region && !regionContains(scope.region, input.region))
    throw new Forbidden();
  const inPeriod = (column: 'r.submitted_at' | 'r.finished_at') =>
    sql<boolean>`${sql.ref(column)} >= ${period.from} AND ${sql.ref(column)} < ${period.to}`;
  const issued = sql<boolean>`${ISSUED} AND ${inPeriod('r.finished_at')}`;
  const returned = sql<boolean>`EXISTS (SELECT 1 FROM service_request_events e
    WHERE e.request_id = r.id AND e.kind = 'dikembalikan')`;
  const hours = sql`extract(epoch FROM r.finished_at - r.submitted_at) / 86400`;
  let query = ctx.db
    .selectFrom('service_requests as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .where('r.state', '<>', 'draf')
    .where(sql<SqlBool>`((${inPeriod('r.submitted_at')}) OR (${inPeriod('r.finished_at')}))`);
  query =
    'agency' in scope
      ? query.where('s.owner_code', '=', scope.agency)
      : whereInRegion(query, 'r.village_code', scope.region);
  if (input.region) query = whereInRegion(query, 'r.village_code', input.region);
  const village = grouping === 'service' ? sql<string | null>`''` : sql<string | null>`r.village_code`;
  // grouped by the service's id; its name is read once per service below, not per request (the
  // definition is a large JSON document)
  const service = grouping === 'village' ? sql<string | null>`NULL::uuid` : sql<string | null>`r.service_id`;
  const rows = await query
    .select([
      village.as('village_code'),
      service.as('service_id'),
      sql<number>`count(*) FILTER (WHERE ${inPeriod('r.submitted_at')})`.as('submitted'),
      sql<number>`count(*) FILTER (WHERE ${issued})`.as('issued'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours}) FILTER (WHERE ${issued})`.as(
        'median',
      ),
      sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours}) FILTER (WHERE ${issued})`.as(
        'p90',
      ),
      sql<number>`count(*) FILTER (WHERE ${issued} AND r.due_at IS NOT NULL AND r.finished_at <= r.due_at)`.as(
        'within_target',
      ),
      sql<number>`count(*) FILTER (WHERE ${inPeriod('r.submitted_at')} AND ${returned})`.as('returned'),
    ])
    .groupBy(
      grouping === 'both' ? sql`GROUPING SETS ((r.village_code, r.service_id), (r.service_id))` : sql`1, 2`,
    )
    .execute();
  const names = await serviceNames(
    ctx,
    rows.flatMap((r) => (r.service_id ? [r.service_id] : [])),
  );
  const result = rows.map((r) => ({
    villageCode: r.village_code ?? '',
    serviceSlug: r.service_id ? (names.get(r.service_id)?.slug ?? '') : '',
    serviceName: r.service_id ? (names.get(r.service_id)?.name ?? '') : '',
    submitted: Number(r.submitted),
    issued: Number(r.issued),
    medianDays: days(r.median),
    p90Days: days(r.p90),
    withinTargetPercent: share(Number(r.within_target), Number(r.issued)),
    returnedPercent: share(Number(r.returned), Number(r.submitted)),
  }));
  return result.sort(
    (a, b) => a.villageCode.localeCompare(b.villageCode) || a.serviceSlug.localeCompare(b.serviceSlug),
  );
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
