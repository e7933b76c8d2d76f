import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { whereInRegion, whereInRegionIndexed } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import type { CategoryField } from './fields.ts';
import type {
  ComplaintCategoryTable,
  ComplaintRouteTable,
  ComplaintTable,
  ComplaintUpdateTable,
} from './schema.ts';
import { OPEN_STATES, type State } from './states.ts';
import './schema.ts';

// ---------- reference data ----------

export function selectCategories(db: Db, activeOnly: boolean) {
  let q = db.selectFrom('complaint_categories').selectAll().orderBy('sort').orderBy('name');
  if (activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export function selectCategory(db: Db, code: string) {
  return db.selectFrom('complaint_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

/** What an admin edits on a category (its code, group, questions and place in the list aside). */
export type CategorySettings = Omit<ComplaintCategoryTable, 'code' | 'group_name' | 'fields' | 'sort'>;

/** A routing rule as written: which category, in which area, goes to whom. */
type RouteRow = Pick<ComplaintRouteTable, 'category_code' | 'region_code' | 'handler_kind' | 'agency_code'>;

export async function insertCategoryIfMissing(
  db: Db,
  row: Omit<
    ComplaintCategoryTable,
    'fields' | 'anonymous_allowed' | 'public_reopen' | 'reopen_days' | 'active'
  > & { fields: CategoryField[] },
) {
  await db
    .insertInto('complaint_categories')
    .values({
      ...row,
      fields: JSON.stringify(row.fields),
      anonymous_allowed: true,
      public_reopen: true,
      reopen_days: 14,
      active: true,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export function updateCategoryRow(db: Db, code: string, set: CategorySettings) {
  return db.updateTable('complaint_categories').set(set).where('code', '=', code).executeTakeFirst();
}

export function selectRoutes(db: Db) {
  return db
    .selectFrom('complaint_routes as r')
    .innerJoin('complaint_categories as c', 'c.code', 'r.category_code')
    .select([
      'r.id',
      'r.category_code',
      'c.name as category_name',
      'r.region_code',
      'r.handler_kind',
      'r.agency_code',
    ])
    .orderBy('c.sort')
    .orderBy('r.region_code')
    .execute();
}

/** The rules for a category that apply to a village: the regency's, its kecamatan's and its own. */
export function selectRoutesFor(db: Db, categoryCode: string, regionCodes: string[]) {
  return db
    .selectFrom('complaint_routes')
    .selectAll()
    .where('category_code', '=', categoryCode)
    .where('region_code', 'in', regionCodes)
    .execute();
}

export async function upsertRoute(db: Db, row: RouteRow) {
  await db
    .insertInto('complaint_routes')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['category_code', 'region_code']).doUpdateSet({
        handler_kind: row.handler_kind,
        agency_code: row.agency_code,
      }),
    )
    .execute();
}

export async function insertRouteIfMissing(db: Db, row: RouteRow) {
  await db
    .insertInto('complaint_routes')
    .values(row)
    .onConflict((oc) => oc.columns(['category_code', 'region_code']).doNothing())
    .execute();
}

export function deleteRoute(db: Db, id: string) {
  return db.deleteFrom('complaint_routes').where('id', '=', id).executeTakeFirst();
}

export function selectAgency(db: Db, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

export function selectAgencies(db: Db) {
  return db.selectFrom('agencies').selectAll().orderBy('short_name').execute();
}

export function selectVillage(db: Db, code: string) {
  return db
    .selectFrom('villages as v')
    .innerJoin('kecamatan as k', 'k.code', 'v.kecamatan_code')
    .select(['v.code', 'v.name', 'v.kecamatan_code', 'k.name as kecamatan_name', 'v.email'])
    .where('v.code', '=', code)
    .executeTakeFirst();
}

export function selectVillageOptions(db: Db, regencyCode: string) {
  return db
    .selectFrom('villages as v')
    .innerJoin('kecamatan as k', 'k.code', 'v.kecamatan_code')
    .select(['v.code', 'v.name', 'k.code as kecamatan_code', 'k.name as kecamatan_name'])
    .where('k.regency_code', '=', regencyCode)
    .orderBy('k.name')
    .orderBy('v.name')
    .execute();
}

export function selectKecamatanOptions(db: Db, regencyCode: string) {
  return db
    .selectFrom('kecamatan')
    .select(['code', 'name'])
    .where('regency_code', '=', regencyCode)
    .orderBy('name')
    .execute();
}

// ---------- reports ----------

export async function insertComplaint(db: Db, row: Insertable<ComplaintTable>) {
  return db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertUpdate(db: Db, row: Insertable<ComplaintUpdateTable>) {
  await db.insertInto('complaint_updates').values(row).execute();
}

export async function insertPhoto(
  db: Db,
  row: {
    complaint_id: string;
    file_id: string;
    thumb_file_id: string;
    position: number;
    kind?: 'laporan' | 'sesudah';
  },
) {
  // private until an officer publishes it, whatever the column's default
  await db
    .insertInto('complaint_photos')
    .values({ ...row, hidden: true })
    .execute();
}

/** The report with its category, village, kecamatan and handler names. */
function reportQuery(db: Db) {
  return db
    .selectFrom('complaints as c')
    .innerJoin('complaint_categories as cat', 'cat.code', 'c.category_code')
    .innerJoin('villages as v', 'v.code', 'c.village_code')
    .innerJoin('kecamatan as k', 'k.code', 'c.kecamatan_code')
    .leftJoin('agencies as a', (join) =>
      join.onRef('a.code', '=', 'c.handler_code').on('c.handler_kind', '=', 'agency'),
    )
    .select([
      'cat.name as category_name',
      'cat.name_en as category_name_en',
      'cat.reopen_days',
      'cat.public_reopen',
      'cat.fields as category_fields',
      'v.name as village_name',
      'k.name as kecamatan_name',
      sql<string>`coalesce(a.short_name, 'Desa ' || v.name)`.as('handler_name'),
      sql<string>`coalesce(a.name, 'Pemerintah Desa ' || v.name)`.as('handler_full_name'),
      'a.head_email as agency_head_email',
      'v.email as village_email',
    ]);
}

export function selectReportByTicket(db: Db, ticket: string) {
  return reportQuery(db).selectAll('c').where('c.ticket', '=', ticket).executeTakeFirst();
}

export function selectReportById(db: Db, id: string) {
  return reportQuery(db).selectAll('c').where('c.id', '=', id).executeTakeFirst();
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof selectReportByTicket>>>;

export function selectDuplicateContacts(db: Db, originalId: string) {
  return db
    .selectFrom('complaints')
    .select(['ticket', 'reporter_email', 'reporter_phone'])
    .where('duplicate_of', '=', originalId)
    .where('state', '=', 'duplikat')
    .execute();
}

export function selectUpdates(db: Db, complaintId: string, publicOnly: boolean) {
  let q = db
    .selectFrom('complaint_updates')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('at');
  if (publicOnly) q = q.where('public', '=', true);
  return q.execute();
}

export function selectPhotos(db: Db, complaintId: string, includeHidden: boolean) {
  let q = db
    .selectFrom('complaint_photos')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('position');
  if (!includeHidden) q = q.where('hidden', '=', false);
  return q.execute();
}

export function selectPhoto(db: Db, photoId: string) {
  return db
    .selectFrom('complaint_photos as p')
    .innerJoin('complaints as c', 'c.id', 'p.complaint_id')
    .select([
      'p.id',
      'p.file_id',
      'p.thumb_file_id',
      'p.hidden',
      'c.ticket',
      'c.confidential',
      'c.hidden as report_hidden',
      'c.flagged',
      'c.handler_kind',
      'c.handler_code',
      'c.village_code',
    ])
    .where('p.id', '=', photoId)
    .executeTakeFirst();
}

export function setPhotoHidden(db: Db, photoId: string, hidden: boolean) {
  return db.updateTable('complaint_photos').set({ hidden }).where('id', '=', photoId).executeTakeFirst();
}

export function updateComplaint(db: Db, id: string, set: Updateable<ComplaintTable>) {
  return db.updateTable('complaints').set(set).where('id', '=', id).executeTakeFirst();
}

export interface ListFilter {
  category?: string | undefined;
  kecamatan?: string | undefined;
  village?: string | undefined;
  state?: State | undefined;
  status?: 'open' | 'closed' | undefined;
  tickets?: string[] | undefined;
  categories?: string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const OPEN_LIST = [...OPEN_STATES];

function applyFilter<Q extends { where: (...args: never[]) => Q }>(query: Q, filter: ListFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: one filter for several select shapes over the same table
  let q = query as any;
  if (filter.tickets) return q.where('c.ticket', 'in', filter.tickets.length ? filter.tickets : ['']);
  if (filter.category) q = q.where('c.category_code', '=', filter.category);
  if (filter.categories?.length) q = q.where('c.category_code', 'in', filter.categories);
  if (filter.kecamatan) q = q.where('c.kecamatan_code', '=', filter.kecamatan);
  if (filter.village) q = q.where('c.village_code', '=', filter.village);
  if (filter.state) q = q.where('c.state', '=', filter.state);
  if (filter.status === 'open') q = q.where('c.state', 'in', OPEN_LIST);
  if (filter.status === 'closed') q = q.where('c.state', 'not in', OPEN_LIST);
  if (filter.from) q = q.where('c.created_at', '>=', filter.from);
  if (filter.to) q = q.where('c.created_at', '<=', filter.to);
  return q as Q;
}

/** Public reports only: never confidential, never hidden by a moderator, never waiting in moderation. */
export async function selectPublicReports(db: Db, filter: ListFilter, limit: number, offset: number) {
  const base = applyFilter(
    db
      .selectFrom('complaints as c')
      .where('c.confidential', '=', false)
      .where('c.hidden', '=', false)
      .where('c.flagged', '=', false),
    filter,
  );
  const rows = await applyFilter(
    reportQuery(db)
      .select([
        'c.id',
        'c.ticket',
        'c.title',
        'c.public_title',
        'c.description',
        'c.public_description',
        'c.state',
        'c.category_code',
        'c.village_code',
        'c.lat',
        'c.lng',
        'c.address',
        'c.created_at',
        'c.updated_at',
        'c.resolve_due_at',
        'c.support_count',
        sql<
          string | null
        >`(SELECT p.id::text FROM complaint_photos p WHERE p.complaint_id = c.id AND NOT p.hidden ORDER BY p.position LIMIT 1)`.as(
          'photo_id',
        ),
        sql<
          string | null
        >`(SELECT u.body FROM complaint_updates u WHERE u.complaint_id = c.id AND u.public AND u.kind IN ('reply','state') AND u.body <> '' ORDER BY u.at DESC LIMIT 1)`.as(
          'last_public_note',
        ),
      ])
      .where('c.confidential', '=', false)
      .where('c.hidden', '=', false)
      .where('c.flagged', '=', false),
    filter,
  )
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
  // counting 200,000 rows on every page view costs more than the page; past the cap "more than" will do
  const count = await db
    .selectFrom(
      base
        .select(sql<number>`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('x'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(count.n);
  return { rows, total: Math.min(total, COUNT_CAP), more: total > COUNT_CAP };
}

const COUNT_CAP = 10_000;

export function selectMapPoints(db: Db, filter: ListFilter, limit: number) {
  return applyFilter(
    db
      .selectFrom('complaints as c')
      .innerJoin('complaint_categories as cat', 'cat.code', 'c.category_code')
      .select([
        'c.ticket',
        'c.title',
        'c.public_title',
        'c.state',
        'c.lat',
        'c.lng',
        'cat.name as category_name',
      ])
      .where('c.confidential', '=', false)
      .where('c.hidden', '=', false)
      .where('c.flagged', '=', false)
      .where('c.lat', 'is not', null)
      .where('c.lng', 'is not', null),
    filter,
  )
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();
}

export interface QueueScope {
  handlerKind?: 'agency' | 'village';
  handlerCode?: string;
  /** village-code prefix (kecamatan or village staff) */
  regionPrefix?: string;
  /** when set, confidential reports only if this village handles them ('' = none) */
  confidentialHandledBy?: string;
}

/** The due time of the stage a report is in, as SQL on the columns of `prefix` (`c.`, or '' in an index). */
export function currentDueSql(prefix: string): string {
  const c = prefix;
  return `CASE WHEN ${c}verified_at IS NULL THEN ${c}verify_due_at WHEN ${c}first_response_at IS NULL THEN ${c}response_due_at ELSE ${c}resolve_due_at END`;
}

export const CURRENT_DUE = sql.raw<Date>(currentDueSql('c.'));

/** The reports a queue scope holds: a handler's, a region's, without others' confidential ones. */
function inQueueScope<Q extends { where: (...args: never[]) => Q }>(query: Q, scope: QueueScope): Q {
  // biome-ignore lint/suspicious/noExplicitAny: one scope for several select shapes over the same table
  let q = query as any;
  if (scope.handlerKind) q = q.where('c.handler_kind', '=', scope.handlerKind);
  if (scope.handlerCode) q = q.where('c.handler_code', '=', scope.handlerCode);
  if (scope.regionPrefix) q = whereInRegionIndexed(q, 'c.village_code', scope.regionPrefix);
  if (scope.confidentialHandledBy !== undefined) {
    const village = scope.confidentialHandledBy;
    // biome-ignore lint/suspicious/noExplicitAny: see above
    q = q.where((eb: any) =>
      eb.or([
        eb('c.confidential', '=', false),
        eb.and([eb('c.handler_kind', '=', 'village'), eb('c.handler_code', '=', village)]),
      ]),
    );
  }
  return q as Q;
}

/** The open reports of a queue scope, and how many are past their current stage's deadline. */
export async function countOpenInQueue(db: Db, scope: QueueScope, now: Date) {
  const row = await inQueueScope(
    db
      .selectFrom('complaints as c')
      .select([
        sql<number>`count(*)::int`.as('open'),
        sql<number>`count(*) FILTER (WHERE ${CURRENT_DUE} < ${now})::int`.as('late'),
      ])
      .where('c.state', 'in', OPEN_LIST),
    scope,
  ).executeTakeFirstOrThrow();
  return { open: Number(row.open), late: Number(row.late) };
}

export async function selectQueue(
  db: Db,
  scope: QueueScope,
  filter: ListFilter & { overdueAt?: Date | undefined; flaggedOnly?: boolean },
  limit: number,
  offset: number,
) {
  let q = reportQuery(db).select([
    'c.id',
    'c.ticket',
    'c.title',
    'c.state',
    'c.created_at',
    'c.category_code',
    'c.escalation_level',
    'c.flagged',
    'c.confidential',
    'c.anonymous',
    CURRENT_DUE.as('current_due'),
  ]);
  q = applyFilter(inQueueScope(q, scope), filter);
  if (filter.flaggedOnly) q = q.where('c.flagged', '=', true);
  if (filter.overdueAt) {
    const now = filter.overdueAt;
    q = q.where('c.state', 'in', OPEN_LIST).where(sql<SqlBool>`${CURRENT_DUE} < ${now}`);
  }
  const rows = await q
    .orderBy('c.created_at', 'desc')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export function selectNearby(
  db: Db,
  input: { excludeId?: string; categoryCode: string; lat: number; lng: number; radiusM: number; since: Date },
) {
  const here = sql`ll_to_earth(${input.lat}, ${input.lng})`;
  let q = db
    .selectFrom('complaints as c')
    .select([
      'c.id',
      'c.ticket',
      'c.title',
      'c.public_title',
      'c.state',
      'c.created_at',
      'c.confidential',
      sql<number>`round(earth_distance(ll_to_earth(c.lat, c.lng), ${here})::numeric)`.as('distance_m'),
    ])
    .where('c.category_code', '=', input.categoryCode)
    .where('c.created_at', '>=', input.since)
    .where('c.lat', 'is not', null)
    .where('c.lng', 'is not', null)
    .where('c.state', '<>', 'duplikat')
    .where(sql<SqlBool>`earth_box(${here}, ${input.radiusM}) @> ll_to_earth(c.lat, c.lng)`)
    .where(sql<SqlBool>`earth_distance(ll_to_earth(c.lat, c.lng), ${here}) <= ${input.radiusM}`);
  if (input.excludeId) q = q.where('c.id', '<>', input.excludeId);
  return q.orderBy('distance_m').limit(10).execute();
}

// ---------- abuse ----------

export async function countIntake(db: Db, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('complaint_intake')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The village of the nearest earlier report with a point, within `radiusM`: villages have no
 * boundaries or centres in our data, so the places residents already reported stand in for them.
 */
export async function selectNearestVillage(
  db: Db,
  lat: number,
  lng: number,
  radiusM: number,
): Promise<string | null> {
  const here = sql`ll_to_earth(${lat}, ${lng})`;
  const row = await db
    .selectFrom('complaints as c')
    .select('c.village_code')
    .where('c.lat', 'is not', null)
    .where(sql<SqlBool>`earth_box(${here}, ${radiusM}) @> ll_to_earth(c.lat, c.lng)`)
    .orderBy(sql`earth_distance(ll_to_earth(c.lat, c.lng), ${here})`)
    .limit(1)
    .executeTakeFirst();
  return row?.village_code ?? null;
}

const INDONESIAN_PREFIX = '^(\\+62|62)';

/** Tickets filed with this phone (stored as typed, so +62… and 62… count as 0…), newest first. */
export async function selectTicketsByPhone(db: Db, phone: string): Promise<string[]> {
  const rows = await db
    .selectFrom('complaints')
    .select('ticket')
    .where(sql<SqlBool>`regexp_replace(reporter_phone, ${INDONESIAN_PREFIX}, '0') = ${phone}`)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => r.ticket);
}

export async function insertIntake(db: Db, keys: string[], at: Date) {
  if (keys.length)
    await db
      .insertInto('complaint_intake')
      .values(keys.map((key) => ({ key, at })))
      .execute();
}

export async function pruneIntake(db: Db, before: Date) {
  await db.deleteFrom('complaint_intake').where('at', '<', before).execute();
}

export async function insertSupport(
  db: Db,
  complaintId: string,
  keyHash: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('complaint_supports')
    .values({ complaint_id: complaintId, key_hash: keyHash, at })
    .onConflict((oc) => oc.columns(['complaint_id', 'key_hash']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable('complaints')
    .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
    .where('id', '=', complaintId)
    .execute();
  return true;
}

// ---------- SLA ----------

export function selectOverdueCandidates(db: Db, now: Date) {
  return reportQuery(db)
    .select([
      'c.id',
      'c.ticket',
      'c.title',
      'c.handler_kind',
      'c.handler_code',
      'c.escalation_level',
      CURRENT_DUE.as('current_due'),
    ])
    .where('c.state', 'in', OPEN_LIST)
    .where('c.escalation_level', '<', 2)
    .where(sql<SqlBool>`${CURRENT_DUE} < ${now}`)
    .orderBy('c.created_at')
    .limit(500)
    .execute();
}

export function selectAdminEmails(db: Db) {
  return db
    .selectFrom('staff_users')
    .select('email')
    .where('role', '=', 'admin_kabupaten')
    .where('active', '=', true)
    .execute();
}

/** Per handler: how many reports, how many met each SLA stage, how many are overdue now. */
export function selectCompliance(
  db: Db,
  since: Date,
  now: Date,
  handler?: { kind: string; code: string },
  regionPrefix?: string,
) {
  const late = (done: Expression<unknown>, due: Expression<unknown>) =>
    sql<string>`count(*) FILTER (WHERE (${done} IS NOT NULL AND ${done} > ${due}) OR (${done} IS NULL AND ${due} < ${now}))`;
  const onTime = (done: Expression<unknown>, due: Expression<unknown>) =>
    sql<string>`count(*) FILTER (WHERE ${done} IS NOT NULL AND ${done} <= ${due})`;
  let q = db
    .selectFrom('complaints as c')
    .leftJoin('agencies as a', (join) =>
      join.onRef('a.code', '=', 'c.handler_code').on('c.handler_kind', '=', 'agency'),
    )
    .leftJoin('villages as v', (join) =>
      join.onRef('v.code', '=', 'c.handler_code').on('c.handler_kind', '=', 'village'),
    )
    .select([
      'c.handler_kind',
      'c.handler_code',
      sql<string>`coalesce(min(a.short_name), 'Desa ' || min(v.name))`.as('handler_name'),
      sql<string>`coalesce(min(a.name), 'Pemerintah Desa ' || min(v.name))`.as('handler_full_name'),
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE c.state IN ('selesai'))`.as('resolved'),
      onTime(sql.ref('c.verified_at'), sql.ref('c.verify_due_at')).as('verify_on_time'),
      late(sql.ref('c.verified_at'), sql.ref('c.verify_due_at')).as('verify_late'),
      onTime(sql.ref('c.first_response_at'), sql.ref('c.response_due_at')).as('response_on_time'),
      late(sql.ref('c.first_response_at'), sql.ref('c.response_due_at')).as('response_late'),
      onTime(sql.ref('c.resolved_at'), sql.ref('c.resolve_due_at')).as('resolve_on_time'),
      late(sql.ref('c.resolved_at'), sql.ref('c.resolve_due_at')).as('resolve_late'),
      sql<string>`count(*) FILTER (WHERE c.state IN ('baru','diverifikasi','diteruskan','diproses','dijadwalkan') AND ${CURRENT_DUE} < ${now})`.as(
        'overdue_now',
      ),
      sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.created_at) / 3600)`.as(
        'median_response_hours',
      ),
    ])
    .where('c.created_at', '>=', since)
    .groupBy(['c.handler_kind', 'c.handler_code']);
  if (handler)
    q = q.where('c.handler_kind', '=', handler.kind as 'agency').where('c.handler_code', '=', handler.code);
  if (regionPrefix !== undefined) q = whereInRegion(q, 'c.village_code', regionPrefix);
  return q.orderBy('handler_name').execute();
}

// ---------- Open311 clients ----------

export function insertClient(db: Db, row: { name: string; key_hash: string; created_by: string | null }) {
  return db.insertInto('open311_clients').values(row).returning('id').executeTakeFirstOrThrow();
}

export function selectClients(db: Db) {
  return db
    .selectFrom('open311_clients')
    .select(['id', 'name', 'active', 'created_at'])
    .orderBy('created_at')
    .execute();
}

export function selectClientByKeyHash(db: Db, keyHash: string) {
  return db
    .selectFrom('open311_clients')
    .select(['id', 'name'])
    .where('key_hash', '=', keyHash)
    .where('active', '=', true)
    .executeTakeFirst();
}

export function deactivateClient(db: Db, id: string) {
  return db.updateTable('open311_clients').set({ active: false }).where('id', '=', id).executeTakeFirst();
}

export function selectByOpen311Token(db: Db, token: string) {
  return db.selectFrom('complaints').select(['ticket']).where('open311_token', '=', token).executeTakeFirst();
}

// ---------- reply templates ----------

export function selectTemplates(db: Db, categoryCode?: string) {
  let q = db
    .selectFrom('complaint_templates as t')
    .leftJoin('complaint_categories as c', 'c.code', 't.category_code')
    .select(['t.id', 't.category_code', 'c.name as category_name', 't.state', 't.title', 't.body'])
    .orderBy('t.title');
  if (categoryCode)
    q = q.where((eb) => eb.or([eb('t.category_code', '=', categoryCode), eb('t.category_code', 'is', null)]));
  return q.execute();
}

export function selectTemplate(db: Db, id: string) {
  return db.selectFrom('complaint_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(
  db: Db,
  row: { category_code: string | null; state: State | null; title: string; body: string },
) {
  await db.insertInto('complaint_templates').values(row).execute();
}

export function deleteTemplate(db: Db, id: string) {
  return db.deleteFrom('complaint_templates').where('id', '=', id).executeTakeFirst();
}

export async function insertTemplateIfNone(
  db: Db,
  row: { category_code: string | null; state: State | null; title: string; body: string },
) {
  const existing = await db
    .selectFrom('complaint_templates')
    .select('id')
    .where('title', '=', row.title)
    .executeTakeFirst();
  if (!existing) await insertTemplate(db, row);
}

/**
 * Public reports per village of a region, open and finished (`selesai`): the same reports the public
 * list shows (never confidential, hidden or waiting in moderation), counted, so nobody is named.
 */
export async function countPublicReportsByVillage(db: Db, region: string) {
  const rows = await whereInRegion(
    db
      .selectFrom('complaints as c')
      .where('c.confidential', '=', false)
      .where('c.hidden', '=', false)
      .where('c.flagged', '=', false)
      .select([
        'c.village_code',
        sql<number>`count(*) FILTER (WHERE c.state IN (${sql.join(OPEN_LIST)}))::int`.as('open'),
        sql<number>`count(*) FILTER (WHERE c.state = 'selesai')::int`.as('finished'),
      ])
      .groupBy('c.village_code'),
    'c.village_code',
    region,
  ).execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    open: Number(r.open),
    finished: Number(r.finished),
  }));
}

// ---------- work done (the performance page) ----------

/**
 * Reports closed (resolved or refused) in [from, to) within a compliance scope, with the staff
 * member who made the closing state change and the handler who owned them.
 */
export function closedBetween(
  db: Db,
  period: { from: Date; to: Date },
  handler?: { kind: 'agency' | 'village'; code: string },
  regionPrefix?: string,
) {
  let q = db
    .selectFrom('complaints as c')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('complaint_updates as u')
          .select(['u.actor_id', 'u.actor_label'])
          .whereRef('u.complaint_id', '=', 'c.id')
          .where('u.kind', '=', 'state')
          .where('u.actor_kind', '=', 'staff')
          .whereRef('u.to_state', '=', 'c.state')
          .orderBy('u.at', 'desc')
          .limit(1)
          .as('closing'),
      (join) => join.onTrue(),
    )
    .select([
      'c.handler_kind',
      'c.handler_code',
      'c.created_at',
      'c.resolved_at',
      'c.resolve_due_at',
      'closing.actor_id as officer_id',
      'closing.actor_label as officer_name',
    ])
    .where('c.state', 'in', ['selesai', 'ditolak'])
    .where('c.resolved_at', '>=', period.from)
    .where('c.resolved_at', '<', period.to);
  if (handler) q = q.where('c.handler_kind', '=', handler.kind).where('c.handler_code', '=', handler.code);
  if (regionPrefix !== undefined) q = whereInRegion(q, 'c.village_code', regionPrefix);
  return q.execute();
}
