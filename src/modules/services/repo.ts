import { sql } from 'kysely';
import { whereInRegionIndexed } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import type { ServiceDefinition } from './definition.ts';
import type { QueueScope } from './policy.ts';
import type { RequestState } from './schema.ts';
import './schema.ts';

export interface ServiceRecord {
  id: string;
  slug: string;
  version: number;
  active: boolean;
  definition: ServiceDefinition;
}

function serviceQuery(db: Db) {
  return db
    .selectFrom('services as s')
    .innerJoin('service_versions as v', (join) =>
      join.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'),
    )
    .select(['s.id', 's.slug', 's.current_version as version', 's.active', 'v.definition']);
}

export async function serviceBySlug(db: Db, slug: string): Promise<ServiceRecord | undefined> {
  return serviceQuery(db).where('s.slug', '=', slug).executeTakeFirst();
}

export async function allServices(db: Db): Promise<ServiceRecord[]> {
  return serviceQuery(db).orderBy('s.owner_type', 'desc').orderBy('s.slug').execute();
}

export async function serviceVersion(db: Db, serviceId: string, version: number): Promise<ServiceRecord> {
  return db
    .selectFrom('services as s')
    .innerJoin('service_versions as v', 'v.service_id', 's.id')
    .select(['s.id', 's.slug', 'v.version', 's.active', 'v.definition'])
    .where('s.id', '=', serviceId)
    .where('v.version', '=', version)
    .executeTakeFirstOrThrow();
}

export async function disabledServiceIds(db: Db, villageCode: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('village_services')
    .select('service_id')
    .where('village_code', '=', villageCode)
    .where('enabled', '=', false)
    .execute();
  return new Set(rows.map((r) => r.service_id));
}

/** Has the village saved its choice of letter services once (every village letter then has a row)? */
export async function villageServicesSaved(db: Db, villageCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('village_services')
    .select('village_code')
    .where('village_code', '=', villageCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Of these villages, those that saved their choice of services at least once, in one query. */
export async function villagesWithServicesSaved(db: Db, villageCodes: string[]): Promise<string[]> {
  if (villageCodes.length === 0) return [];
  const rows = await db
    .selectFrom('village_services')
    .select('village_code')
    .distinct()
    .where('village_code', 'in', villageCodes)
    .execute();
  return rows.map((r) => r.village_code);
}

export async function insertService(
  db: Db,
  definition: ServiceDefinition,
  createdBy: string | null,
): Promise<string> {
  const row = await db
    .insertInto('services')
    .values({
      slug: definition.slug,
      owner_type: definition.owner.type,
      owner_code: definition.owner.type === 'agency' ? definition.owner.code : null,
      current_version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_versions')
    .values({ service_id: row.id, version: 1, definition: JSON.stringify(definition), created_by: createdBy })
    .execute();
  return row.id;
}

export async function insertServiceVersion(
  db: Db,
  service: ServiceRecord,
  definition: ServiceDefinition,
  createdBy: string | null,
): Promise<number> {
  const version = service.version + 1;
  await db
    .insertInto('service_versions')
    .values({
      service_id: service.id,
      version,
      definition: JSON.stringify(definition),
      created_by: createdBy,
    })
    .execute();
  await db
    .updateTable('services')
    .set({
      current_version: version,
      owner_type: definition.owner.type,
      owner_code: definition.owner.type === 'agency' ? definition.owner.code : null,
      updated_at: new Date(),
    })
    .where('id', '=', service.id)
    .execute();
  return version;
}

export async function requestById(db: Db, id: string, options: { lock?: boolean } = {}) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  let query = db.selectFrom('service_requests').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function attachmentsOf(db: Db, requestId: string) {
  return db
    .selectFrom('service_request_attachments')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

export async function eventsOf(db: Db, requestId: string) {
  return db
    .selectFrom('service_request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export interface QueueFilter {
  state?: RequestState | 'aktif';
  serviceSlug?: string;
  q?: string;
  villageCode?: string;
  page: number;
  pageSize: number;
}

/** The filed requests a queue scope holds: an agency's own services, or a region's villages. */
function requestsInScope(db: Db, scope: QueueScope) {
  const query = db
    .selectFrom('service_requests as r')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .where('r.state', '<>', 'draf');
  return 'agency' in scope
    ? query.where('s.owner_code', '=', scope.agency)
    : whereInRegionIndexed(query, 'r.village_code', scope.region);
}

/**
 * The waiting requests of a queue scope counted per service version, step and village (what the
 * "your turn" policy reads), with how many are past their due time: the menu's count.
 */
export async function waitingGroups(db: Db, scope: QueueScope, states: readonly RequestState[], now: Date) {
  const groups = await requestsInScope(db, scope)
    .where('r.state', 'in', states)
    .select([
      'r.service_id',
      'r.service_version',
      'r.state',
      'r.step_index',
      'r.village_code',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) FILTER (WHERE r.due_at < ${now})::int`.as('late'),
    ])
    .groupBy(['r.service_id', 'r.service_version', 'r.state', 'r.step_index', 'r.village_code'])
    .execute();
  const definitions = await definitionsOf(db, groups);
  return groups.map(({ service_id, service_version, ...group }) => ({
    ...group,
    n: Number(group.n),
    late: Number(group.late),
    definition: definitions.get(`${service_id}/${service_version}`) as ServiceDefinition,
  }));
}

/**
 * Requests the actor may see, narrowed by the filter: a village's office, an agency's services, or a region.
 * Each row carries its service version's definition, read once per version (not once per row: the
 * queue and every staff page's "Kerja saya" count read hundreds of rows of a few services).
 */
export async function queueRows(db: Db, scope: QueueScope, filter: QueueFilter) {
  let query = requestsInScope(db, scope);
  if (filter.state === 'aktif')
    query = query.where('r.state', 'in', [
      'diperiksa',
      'belum_lengkap',
      'menunggu_tanda_tangan',
      'siap_diambil',
    ]);
  else if (filter.state) query = query.where('r.state', '=', filter.state);
  if (filter.serviceSlug) query = query.where('s.slug', '=', filter.serviceSlug);
  if (filter.villageCode) query = query.where('r.village_code', '=', filter.villageCode);
  if (filter.q) {
    const q = filter.q.trim();
    query = query.where((eb) =>
      eb.or([eb('r.code', '=', q.toUpperCase()), sql<boolean>`r.applicant->>'name' ILIKE ${`%${q}%`}`]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'r.id',
        'r.code',
        'r.state',
        'r.step_index',
        'r.village_code',
        'r.submitted_at',
        'r.due_at',
        'r.filed_by',
        's.slug',
        'r.service_id',
        'r.service_version',
        sql<string>`r.applicant->>'name'`.as('applicant_name'),
        sql<string>`r.applicant->>'nik'`.as('applicant_nik'),
      ])
      .orderBy('r.submitted_at', 'asc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const definitions = await definitionsOf(db, rows);
  return {
    rows: rows.map(({ service_id, service_version, ...row }) => ({
      ...row,
      definition: definitions.get(`${service_id}/${service_version}`) as ServiceDefinition,
    })),
    total: Number(count.n),
  };
}

/** The definitions of the service versions the rows name, by `service_id/version`. */
async function definitionsOf(db: Db, rows: Array<{ service_id: string; service_version: number }>) {
  const ids = [...new Set(rows.map((r) => r.service_id))];
  if (ids.length === 0) return new Map<string, ServiceDefinition>();
  const versions = await db
    .selectFrom('service_versions')
    .select(['service_id', 'version', 'definition'])
    .where('service_id', 'in', ids)
    .where('version', 'in', [...new Set(rows.map((r) => r.service_version))])
    .execute();
  return new Map(versions.map((v) => [`${v.service_id}/${v.version}`, v.definition]));
}

export async function requestsOfResident(db: Db, residentId: string) {
  return db
    .selectFrom('service_requests as r')
    .innerJoin('service_versions as v', (join) =>
      join.onRef('v.service_id', '=', 'r.service_id').onRef('v.version', '=', 'r.service_version'),
    )
    .select(['r.id', 'r.code', 'r.state', 'r.created_at', 'r.submitted_at', 'r.due_at', 'v.definition'])
    .where('r.resident_id', '=', residentId)
    .orderBy('r.created_at', 'desc')
    .limit(100)
    .execute();
}

export async function insertEvent(
  db: Db,
  event: {
    requestId: string;
    at: Date;
    actorKind: string;
    actorId: string | null;
    actorLabel: string;
    kind: string;
    note?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('service_request_events')
    .values({
      request_id: event.requestId,
      at: event.at,
      actor_kind: event.actorKind,
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      kind: event.kind,
      note: event.note ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

/**
 * Service speed per village, for the requests a queue scope covers: decided in [from, to) and the
 * median calendar days from filing to decision (as the figure `services.medianProcessingDays`
 * counts them), and those waiting on the office past their due date at `now`.
 */
export async function speedByVillage(db: Db, scope: QueueScope, period: { from: Date; to: Date; now: Date }) {
  const decided = sql<boolean>`r.state IN ('siap_diambil', 'sudah_diambil', 'ditolak')
    AND r.submitted_at IS NOT NULL AND r.finished_at >= ${period.from} AND r.finished_at < ${period.to}`;
  const rows = await requestsInScope(db, scope)
    .select([
      'r.village_code',
      sql<number>`count(*) FILTER (WHERE ${decided})`.as('finished'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM r.finished_at - r.submitted_at) / 86400) FILTER (WHERE ${decided})`.as(
        'median_days',
      ),
      sql<number>`count(*) FILTER (WHERE r.state IN ('diperiksa', 'menunggu_tanda_tangan')
        AND r.due_at < ${period.now})`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE r.state IN ('diperiksa', 'belum_lengkap', 'menunggu_tanda_tangan'))`.as(
        'open',
      ),
    ])
    .groupBy('r.village_code')
    .execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    finished: Number(r.finished),
    medianDays: r.median_days === null ? null : Number(r.median_days),
    overdue: Number(r.overdue),
    open: Number(r.open),
  }));
}

/**
 * Requests decided (issued or refused) in [from, to) within a queue scope, with the staff member
 * of the last staff event (the one who signed or refused) and the desk that owns the service.
 */
export async function decidedBetween(db: Db, scope: QueueScope, period: { from: Date; to: Date }) {
  const rows = await requestsInScope(db, scope)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('service_request_events as e')
          .select(['e.actor_id', 'e.actor_label'])
          .whereRef('e.request_id', '=', 'r.id')
          .where('e.actor_kind', '=', 'staff')
          .orderBy('e.at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .where('r.state', 'in', ['siap_diambil', 'sudah_diambil', 'ditolak'])
    .where('r.submitted_at', 'is not', null)
    .where('r.finished_at', '>=', period.from)
    .where('r.finished_at', '<', period.to)
    .select([
      'r.village_code',
      's.owner_type',
      's.owner_code',
      'r.submitted_at',
      'r.finished_at',
      'r.due_at',
      'last.actor_id as officer_id',
      'last.actor_label as officer_name',
    ])
    .execute();
  return rows.map((r) => ({
    ...r,
    submitted_at: r.submitted_at as Date,
    finished_at: r.finished_at as Date,
  }));
}
