import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { likeEscape } from '../../platform/http/input.ts';
import type { BodyRef, RequestScope } from './policy.ts';
import type {
  Category,
  InformasiEntryTable,
  InformasiObjectionTable,
  InformasiRequestTable,
  RequestState,
} from './schema.ts';
import './schema.ts';

export const OPEN_STATES: RequestState[] = ['diproses', 'diperpanjang'];

// ---- DIP entries ----

export function insertEntry(db: Db, row: Insertable<InformasiEntryTable>) {
  return db.insertInto('informasi_entries').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateEntry(db: Db, id: string, row: Updateable<InformasiEntryTable>) {
  return db.updateTable('informasi_entries').set(row).where('id', '=', id).executeTakeFirst();
}

export function deleteEntry(db: Db, id: string) {
  return db.deleteFrom('informasi_entries').where('id', '=', id).executeTakeFirst();
}

export function selectEntry(db: Db, id: string) {
  return db.selectFrom('informasi_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface EntryFilter {
  body?: BodyRef;
  category?: Category;
  term?: string;
}

export async function selectEntries(db: Db, filter: EntryFilter, limit: number, offset: number) {
  let query = db.selectFrom('informasi_entries');
  if (filter.body)
    query = query.where('body_kind', '=', filter.body.kind).where('body_code', '=', filter.body.code);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.term) {
    const pattern = `%${likeEscape(filter.term)}%`;
    query = query.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('summary', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('body_kind')
      .orderBy('body_code')
      .orderBy(sql`array_position(array['berkala','serta_merta','setiap_saat','dikecualikan'], category)`)
      .orderBy('title')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Public (not excluded) DIP entries of village bodies created at or after `since`, per village. */
export async function publicEntriesSince(db: Db, villages: readonly string[], since: Date) {
  if (villages.length === 0) return [];
  return db
    .selectFrom('informasi_entries')
    .select(['village_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('body_kind', '=', 'village')
    .where('category', '<>', 'dikecualikan')
    .where('village_code', 'in', [...villages])
    .where('created_at', '>=', since)
    .groupBy('village_code')
    .execute();
}

// ---- requests ----

/** The next registration number of a body in a year: one atomic upsert, so two requests never share one. */
export async function nextSeq(db: Db, body: BodyRef, year: number): Promise<number> {
  const row = await db
    .insertInto('informasi_counters')
    .values({ body_kind: body.kind, body_code: body.code, year, n: 1 })
    .onConflict((oc) =>
      oc.columns(['body_kind', 'body_code', 'year']).doUpdateSet({ n: sql`informasi_counters.n + 1` }),
    )
    .returning('n')
    .executeTakeFirstOrThrow();
  return row.n;
}

export function insertRequest(db: Db, row: Insertable<InformasiRequestTable>) {
  return db.insertInto('informasi_requests').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateRequest(db: Db, id: string, row: Updateable<InformasiRequestTable>) {
  return db.updateTable('informasi_requests').set(row).where('id', '=', id).executeTakeFirst();
}

export function selectRequestByNumber(db: Db, number: string) {
  return db.selectFrom('informasi_requests').selectAll().where('number', '=', number).executeTakeFirst();
}

export function selectRequestById(db: Db, id: string) {
  return db.selectFrom('informasi_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertEvent(
  db: Db,
  row: { request_id: string; at: Date; kind: string; actor_id: string | null; note: string },
) {
  return db.insertInto('informasi_request_events').values(row).execute();
}

export function selectEvents(db: Db, requestId: string) {
  return db
    .selectFrom('informasi_request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
}

export interface RequestListFilter {
  /** only open requests past their deadline at this instant */
  overdueAt?: Date;
  open?: boolean;
}

/** Requests (`r`) of a body's desk, or of a region's villages. */
function requestsInScope<Q extends { where: (...args: never[]) => Q }>(query: Q, scope: RequestScope): Q {
  // biome-ignore lint/suspicious/noExplicitAny: one scope for the list and the count over the same table
  const q = query as any;
  if ('body' in scope)
    return q.where('r.body_kind', '=', scope.body.kind).where('r.body_code', '=', scope.body.code);
  if ('regionPrefix' in scope)
    // biome-ignore lint/suspicious/noExplicitAny: see above
    return q.where((eb: any) =>
      eb.or([
        eb('r.village_code', '=', scope.regionPrefix),
        eb('r.village_code', 'like', `${likeEscape(scope.regionPrefix)}.%`),
      ]),
    );
  return q;
}

function openObjectionsInScope(db: Db, scope: RequestScope) {
  const query = db
    .selectFrom('informasi_objections as o')
    .innerJoin('informasi_requests as r', 'r.id', 'o.request_id')
    .where('o.state', '=', 'diproses');
  if ('body' in scope)
    return query.where('r.body_kind', '=', scope.body.kind).where('r.body_code', '=', scope.body.code);
  if ('regionPrefix' in scope)
    return query.where('r.village_code', 'like', `${likeEscape(scope.regionPrefix)}.%`);
  return query;
}

/** What waits on a desk, counted: open requests and open objections, each with how many are past due. */
export async function countOpenWork(db: Db, scope: RequestScope, now: Date) {
  const [requests, objections] = await Promise.all([
    requestsInScope(db.selectFrom('informasi_requests as r'), scope)
      .where('r.state', 'in', OPEN_STATES)
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) FILTER (WHERE coalesce(r.extended_due_at, r.due_at) < ${now})::int`.as('late'),
      ])
      .executeTakeFirstOrThrow(),
    openObjectionsInScope(db, scope)
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) FILTER (WHERE o.due_at < ${now})::int`.as('late'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    waiting: Number(requests.n) + Number(objections.n),
    late: Number(requests.late) + Number(objections.late),
  };
}

/** A staff list: open requests first, the earliest deadline first, then decided ones, newest first. */
export function selectRequests(db: Db, scope: RequestScope, filter: RequestListFilter, limit: number) {
  let query = requestsInScope(
    db.selectFrom('informasi_requests as r').leftJoin('informasi_objections as o', 'o.request_id', 'r.id'),
    scope,
  );
  if (filter.open || filter.overdueAt) query = query.where('r.state', 'in', OPEN_STATES);
  if (filter.overdueAt)
    query = query.where(sql<boolean>`coalesce(r.extended_due_at, r.due_at) < ${filter.overdueAt}`);
  return query
    .select([
      'r.id',
      'r.number',
      'r.body_kind',
      'r.body_code',
      'r.name',
      'r.information',
      'r.state',
      'r.received_at',
      'r.due_at',
      'r.extended_due_at',
      'r.decided_at',
      'o.state as objection_state',
      'o.due_at as objection_due_at',
    ])
    .orderBy(sql`case when r.state in ('diproses','diperpanjang') then 0 else 1 end`)
    .orderBy(
      sql`case when r.state in ('diproses','diperpanjang') then coalesce(r.extended_due_at, r.due_at) end`,
    )
    .orderBy('r.received_at', 'desc')
    .orderBy('r.seq', 'desc')
    .limit(limit)
    .execute();
}

/** Objections waiting for the superior, in scope. */
export function selectOpenObjections(db: Db, scope: RequestScope, limit: number) {
  return openObjectionsInScope(db, scope)
    .select(['r.id', 'r.number', 'o.due_at'])
    .orderBy('o.due_at')
    .limit(limit)
    .execute();
}

/** Open requests past their deadline whose requester has not been told yet. */
export function selectOverdueUnnotified(db: Db, now: Date) {
  return db
    .selectFrom('informasi_requests')
    .selectAll()
    .where('state', 'in', OPEN_STATES)
    .where('overdue_notified_at', 'is', null)
    .where(sql<boolean>`coalesce(extended_due_at, due_at) < ${now}`)
    .orderBy('received_at')
    .limit(500)
    .execute();
}

export function selectObjectionsOverdueUnnotified(db: Db, now: Date) {
  return db
    .selectFrom('informasi_objections as o')
    .innerJoin('informasi_requests as r', 'r.id', 'o.request_id')
    .select(['o.id', 'r.number', 'r.phone', 'r.email', 'r.body_kind', 'r.body_code'])
    .where('o.state', '=', 'diproses')
    .where('o.overdue_notified_at', 'is', null)
    .where('o.due_at', '<', now)
    .limit(500)
    .execute();
}

export function markObjectionNotified(db: Db, id: string, at: Date) {
  return db
    .updateTable('informasi_objections')
    .set({ overdue_notified_at: at })
    .where('id', '=', id)
    .execute();
}

export function selectObjection(db: Db, requestId: string) {
  return db
    .selectFrom('informasi_objections')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export function insertObjection(db: Db, row: Insertable<InformasiObjectionTable>) {
  return db.insertInto('informasi_objections').values(row).execute();
}

export function updateObjection(db: Db, requestId: string, row: Updateable<InformasiObjectionTable>) {
  return db.updateTable('informasi_objections').set(row).where('request_id', '=', requestId).execute();
}

/** A body's requests received in [from, to), with whether an objection was filed. */
export function selectRequestsReceived(db: Db, body: BodyRef, from: Date, to: Date) {
  return db
    .selectFrom('informasi_requests as r')
    .leftJoin('informasi_objections as o', 'o.request_id', 'r.id')
    .select([
      'r.id',
      'r.number',
      'r.state',
      'r.received_at',
      'r.due_at',
      'r.extended_due_at',
      'r.decided_at',
      'r.refusal_ground',
      'o.id as objection_id',
      'o.state as objection_state',
    ])
    .where('r.body_kind', '=', body.kind)
    .where('r.body_code', '=', body.code)
    .where('r.received_at', '>=', from)
    .where('r.received_at', '<', to)
    .orderBy('r.received_at')
    .orderBy('r.seq')
    .execute();
}

export function selectRequestsByIdNumber(db: Db, idNumber: string) {
  return db
    .selectFrom('informasi_requests')
    .selectAll()
    .where('id_number', '=', idNumber)
    .orderBy('received_at')
    .execute();
}

/** Each body that has a DIP, with its newest change (for the sitemap). */
export function selectBodiesWithEntries(db: Db) {
  return db
    .selectFrom('informasi_entries')
    .select(['body_code', (eb) => eb.fn.max('updated_at').as('updated_at')])
    .groupBy('body_code')
    .orderBy('body_code')
    .execute();
}

/**
 * Requests decided in [from, to) within a staff scope, with the deadline that held (extended or
 * not) and the staff member who recorded the decision.
 */
export function selectDecidedBetween(db: Db, scope: RequestScope, period: { from: Date; to: Date }) {
  let query = db
    .selectFrom('informasi_requests as r')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('informasi_request_events as e')
          .select('e.actor_id')
          .whereRef('e.request_id', '=', 'r.id')
          .where('e.actor_id', 'is not', null)
          .where('e.at', '<=', eb.ref('r.decided_at'))
          .orderBy('e.at', 'desc')
          .limit(1)
          .as('decision'),
      (join) => join.onTrue(),
    )
    .leftJoin('staff_users as u', 'u.id', 'decision.actor_id')
    .where('r.decided_at', '>=', period.from)
    .where('r.decided_at', '<', period.to);
  if ('body' in scope)
    query = query.where('r.body_kind', '=', scope.body.kind).where('r.body_code', '=', scope.body.code);
  else if ('regionPrefix' in scope)
    query = query.where((eb) =>
      eb.or([
        eb('r.village_code', '=', scope.regionPrefix),
        eb('r.village_code', 'like', `${likeEscape(scope.regionPrefix)}.%`),
      ]),
    );
  return query
    .select([
      'r.body_kind',
      'r.body_code',
      'r.received_at',
      'r.decided_at',
      sql<Date>`coalesce(r.extended_due_at, r.due_at)`.as('deadline'),
      'decision.actor_id as officer_id',
      'u.name as officer_name',
    ])
    .execute();
}
