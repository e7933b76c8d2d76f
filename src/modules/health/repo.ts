import type { Insertable, Selectable, SelectQueryBuilder, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import type { RecordScope } from './policy.ts';
import { withRollupClock } from './rollup.ts';
import type {
  HealthChildTable,
  HealthMeasurementTable,
  HealthMotherTable,
  HealthPosyanduTable,
  HealthPregnancyCheckTable,
} from './schema.ts';
import './schema.ts';

export type PosyanduRow = Selectable<HealthPosyanduTable>;
export type ChildRow = Selectable<HealthChildTable>;
export type MeasurementRow = Selectable<HealthMeasurementTable>;
export type MotherRow = Selectable<HealthMotherTable>;

/** Rows within a record scope: one posyandu, a region, or the villages of a puskesmas area. */
export function whereInScope<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  columns: { posyandu: string; village: string },
  scope: RecordScope,
): SelectQueryBuilder<DB, TB, O> {
  // biome-ignore lint/suspicious/noExplicitAny: column names are checked by the caller's table types
  const ref = (column: string) => column as any;
  if ('posyanduId' in scope) return query.where(ref(columns.posyandu), '=', scope.posyanduId);
  if ('villages' in scope)
    return scope.villages.length === 0
      ? query.where(sql<boolean>`false`)
      : query.where(ref(columns.village), 'in', scope.villages);
  return whereInRegion(query, columns.village, scope.region);
}

export async function kaderPosyanduId(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('health_kader')
    .select('posyandu_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.posyandu_id ?? null;
}

export async function linkKader(db: Db, row: { userId: string; posyanduId: string; villageCode: string }) {
  await db
    .insertInto('health_kader')
    .values({ user_id: row.userId, posyandu_id: row.posyanduId, village_code: row.villageCode })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ posyandu_id: row.posyanduId, village_code: row.villageCode }),
    )
    .execute();
}

export async function kadersOf(db: Db, posyanduId: string) {
  return db
    .selectFrom('health_kader')
    .innerJoin('staff_users', 'staff_users.id', 'health_kader.user_id')
    .select(['staff_users.id', 'staff_users.name', 'staff_users.email'])
    .where('health_kader.posyandu_id', '=', posyanduId)
    .orderBy('staff_users.name')
    .execute();
}

export async function staffByEmail(db: Db, email: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'role', 'scope_code', 'active'])
    .where(sql<boolean>`lower(email) = ${email.trim().toLowerCase()}`)
    .executeTakeFirst();
}

export async function insertPosyandu(db: Db, row: Insertable<HealthPosyanduTable>): Promise<PosyanduRow> {
  return db.insertInto('health_posyandu').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function posyanduById(db: Db, id: string): Promise<PosyanduRow | undefined> {
  return db.selectFrom('health_posyandu').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Posyandu of a region (or one), with how many children each follows and how many were measured in the month. */
export async function listPosyandu(
  db: Db,
  filter: { region: string | null } | { id: string },
  month: string,
) {
  let query = db
    .selectFrom('health_posyandu as p')
    .selectAll('p')
    .select((eb) => [
      eb
        .selectFrom('health_children as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.posyandu_id', '=', 'p.id')
        .where('c.active', '=', true)
        .as('children'),
      eb
        .selectFrom('health_measurements as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.posyandu_id', '=', 'p.id')
        .where('m.measured_month', '=', month)
        .as('measured'),
    ])
    .orderBy('p.village_code')
    .orderBy('p.name');
  query =
    'id' in filter
      ? query.where('p.id', '=', filter.id)
      : whereInRegion(query, 'p.village_code', filter.region);
  return query.execute();
}

export async function insertMother(db: Db, row: Insertable<HealthMotherTable>): Promise<MotherRow> {
  return db.insertInto('health_mothers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function motherByNik(db: Db, nik: string): Promise<MotherRow | undefined> {
  return db.selectFrom('health_mothers').selectAll().where('nik', '=', nik).executeTakeFirst();
}

export async function motherById(db: Db, id: string): Promise<MotherRow | undefined> {
  return db.selectFrom('health_mothers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertChild(db: Db, row: Insertable<HealthChildTable>): Promise<ChildRow> {
  return db.insertInto('health_children').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateChild(db: Db, id: string, row: Updateable<HealthChildTable>): Promise<void> {
  await db.updateTable('health_children').set(row).where('id', '=', id).execute();
}

export async function childById(db: Db, id: string) {
  return db
    .selectFrom('health_children as c')
    .leftJoin('health_mothers as m', 'm.id', 'c.mother_id')
    .selectAll('c')
    .select(['m.name as mother_name', 'm.resident_id as mother_resident_id', 'm.nik as mother_nik'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function childByNik(db: Db, nik: string) {
  return db.selectFrom('health_children').selectAll().where('nik', '=', nik).executeTakeFirst();
}

/** The posyandu's child with this name (case and spaces aside) and birth date: how a sheet without NIK finds a child. */
export async function childByNameAndBirth(db: Db, posyanduId: string, name: string, birthDate: string) {
  return db
    .selectFrom('health_children')
    .selectAll()
    .where('posyandu_id', '=', posyanduId)
    .where('birth_date', '=', birthDate)
    .where(
      sql<boolean>`lower(regexp_replace(trim(name), '\s+', ' ', 'g')) = ${name.trim().replace(/\s+/g, ' ').toLowerCase()}`,
    )
    .execute();
}

/** Children a posyandu follows who are under five (at most `maxAgeDays` old) on the day. */
export async function childrenAt(db: Db, posyanduId: string, day: string, maxAgeDays: number) {
  return db
    .selectFrom('health_children')
    .selectAll()
    .where('posyandu_id', '=', posyanduId)
    .where('active', '=', true)
    .where('birth_date', '<=', day)
    .where(sql<boolean>`${day}::date - birth_date <= ${maxAgeDays}`)
    .orderBy('name')
    .execute();
}

/** Each child's latest measurement before a month, and the one in the month (if any). */
export async function measurementsAround(db: Db, childIds: string[], month: string) {
  if (childIds.length === 0)
    return { previous: new Map<string, MeasurementRow>(), current: new Map<string, MeasurementRow>() };
  const previous = await db
    .selectFrom('health_measurements')
    .selectAll()
    .distinctOn('child_id')
    .where('child_id', 'in', childIds)
    .where('measured_month', '<', month)
    .orderBy('child_id')
    .orderBy('measured_on', 'desc')
    .execute();
  const current = await db
    .selectFrom('health_measurements')
    .selectAll()
    .where('child_id', 'in', childIds)
    .where('measured_month', '=', month)
    .execute();
  return {
    previous: new Map(previous.map((m) => [m.child_id, m])),
    current: new Map(current.map((m) => [m.child_id, m])),
  };
}

// every write to health_measurements goes through `withRollupClock`: its rollup refresh (the
// triggers) stamps refreshed_at with the writer's clock

export async function upsertMeasurement(db: Db, row: Insertable<HealthMeasurementTable>, now: Date) {
  const { child_id: _c, measured_month: _m, created_at: _a, ...update } = row;
  return withRollupClock(db, now, (trx) =>
    trx
      .insertInto('health_measurements')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['child_id', 'measured_month']).doUpdateSet({ ...update, updated_at: now }),
      )
      .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
      .executeTakeFirstOrThrow(),
  );
}

export async function insertMeasurements(db: Db, rows: Array<Insertable<HealthMeasurementTable>>, now: Date) {
  if (rows.length === 0) return;
  await withRollupClock(db, now, (trx) => trx.insertInto('health_measurements').values(rows).execute());
}

export async function setWeightGain(
  db: Db,
  id: string,
  gain: { weightGain: string | null; twoT: boolean },
  now: Date,
) {
  await withRollupClock(db, now, (trx) =>
    trx
      .updateTable('health_measurements')
      .set({ weight_gain: gain.weightGain, two_t: gain.twoT, updated_at: now })
      .where('id', '=', id)
      .execute(),
  );
}

export async function historyOf(db: Db, childId: string): Promise<MeasurementRow[]> {
  return db
    .selectFrom('health_measurements')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('measured_on')
    .execute();
}

/** What a measurement says about risk (`service.reasonsOf`), as the at-risk list and work items select it. */
export const RISK_COLUMNS = [
  'm.measured_on',
  'm.haz',
  'm.waz',
  'm.whz',
  'm.weight_gain',
  'm.two_t',
  'm.flags',
  'm.confirmed_implausible',
] as const;

/** The active children (`c`) in scope born on or before `day` and at most `maxAgeDays` old then. */
export function childrenInScope(db: Db, scope: RecordScope, day: string, maxAgeDays: number) {
  const query = db
    .selectFrom('health_children as c')
    .where('c.active', '=', true)
    .where('c.anonymised_at', 'is', null)
    .where('c.birth_date', '<=', day)
    .where(sql<boolean>`${day}::date - c.birth_date <= ${maxAgeDays}`);
  return whereInScope(query, { posyandu: 'c.posyandu_id', village: 'c.village_code' }, scope);
}

/** The child `c` has no measurement in `month`. */
export function notMeasuredIn(month: string) {
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM health_measurements x WHERE x.child_id = c.id AND x.measured_month = ${month})`;
}

/** Children in scope whose latest measurement in the month puts them at risk, or who were not measured. */
export async function atRiskRows(db: Db, scope: RecordScope, month: string, day: string, maxAgeDays: number) {
  return childrenInScope(db, scope, day, maxAgeDays)
    .innerJoin('health_posyandu as p', 'p.id', 'c.posyandu_id')
    .leftJoin('health_measurements as m', (join) =>
      join.onRef('m.child_id', '=', 'c.id').on('m.measured_month', '=', month),
    )
    .select([
      'c.id',
      'c.name',
      'c.sex',
      'c.birth_date',
      'c.village_code',
      'p.name as posyandu_name',
      'p.id as posyandu_id',
      ...RISK_COLUMNS,
    ])
    .where((eb) =>
      eb.or([
        eb('m.id', 'is', null),
        eb('m.haz', '<', '-2'),
        eb('m.whz', '<', '-2'),
        eb('m.waz', '<', '-2'),
        eb('m.weight_gain', '=', 'tidak_naik'),
      ]),
    )
    .orderBy('p.name')
    .orderBy('c.name')
    .execute();
}

/** Children of a parent: by their own resident id, their family card, or the mother's resident id. */
export async function childrenOfParent(db: Db, parent: { residentId: string; familyNumber: string }) {
  return db
    .selectFrom('health_children as c')
    .leftJoin('health_mothers as m', 'm.id', 'c.mother_id')
    .selectAll('c')
    .select(['m.resident_id as mother_resident_id'])
    .where('c.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.resident_id', '=', parent.residentId),
        eb('c.family_number', '=', parent.familyNumber),
        eb('m.resident_id', '=', parent.residentId),
      ]),
    )
    .orderBy('c.birth_date', 'desc')
    .execute();
}

/** Counts for the work queue: children in scope not yet measured this month, rows awaiting confirmation. */
export async function queueCounts(
  db: Db,
  scope: RecordScope,
  month: string,
  day: string,
  maxAgeDays: number,
) {
  const unmeasured = await childrenInScope(db, scope, day, maxAgeDays)
    .where(notMeasuredIn(month))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let pending = db
    .selectFrom('health_measurements as m')
    .where('m.confirmed_implausible', '=', false)
    .where(sql<boolean>`cardinality(m.flags) > 0`)
    .select((eb) => eb.fn.countAll<number>().as('n'));
  pending = whereInScope(pending, { posyandu: 'm.posyandu_id', village: 'm.village_code' }, scope);
  const waiting = await pending.executeTakeFirstOrThrow();
  return { unmeasured: Number(unmeasured.n), pending: Number(waiting.n) };
}

export async function insertPregnancy(
  db: Db,
  row: {
    village_code: string;
    mother_id: string;
    posyandu_id: string | null;
    expected_date: string | null;
    first_check_date: string | null;
  },
) {
  return db
    .insertInto('health_pregnancies')
    .values({ ...row, ended_on: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function pregnancyById(db: Db, id: string) {
  return db
    .selectFrom('health_pregnancies as g')
    .innerJoin('health_mothers as m', 'm.id', 'g.mother_id')
    .selectAll('g')
    .select([
      'm.name as mother_name',
      'm.nik as mother_nik',
      'm.resident_id as mother_resident_id',
      'm.family_number as mother_family_number',
    ])
    .where('g.id', '=', id)
    .executeTakeFirst();
}

export async function pregnanciesIn(db: Db, scope: RecordScope) {
  let query = db
    .selectFrom('health_pregnancies as g')
    .innerJoin('health_mothers as m', 'm.id', 'g.mother_id')
    .select([
      'g.id',
      'g.village_code',
      'g.expected_date',
      'g.first_check_date',
      'm.name as mother_name',
      (eb) =>
        eb
          .selectFrom('health_pregnancy_checks as k')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('k.pregnancy_id', '=', 'g.id')
          .as('checks'),
      (eb) =>
        eb
          .selectFrom('health_pregnancy_checks as k')
          .select(sql<boolean>`bool_or(k.kek_risk)`.as('kek'))
          .whereRef('k.pregnancy_id', '=', 'g.id')
          .as('kek_risk'),
    ])
    .where('g.ended_on', 'is', null)
    .orderBy('g.expected_date');
  query = whereInScope(query, { posyandu: 'g.posyandu_id', village: 'g.village_code' }, scope);
  return query.execute();
}

export async function checksOf(db: Db, pregnancyId: string) {
  return db
    .selectFrom('health_pregnancy_checks')
    .selectAll()
    .where('pregnancy_id', '=', pregnancyId)
    .orderBy('checked_on')
    .execute();
}

export async function insertCheck(db: Db, row: Insertable<HealthPregnancyCheckTable>) {
  return db
    .insertInto('health_pregnancy_checks')
    .values(row)
    .onConflict((oc) => oc.columns(['pregnancy_id', 'checked_on']).doUpdateSet({ ...row }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- one person's data (export and erasure) ----

export async function childrenByNik(db: Db, nik: string) {
  return db.selectFrom('health_children').selectAll().where('nik', '=', nik).execute();
}

export async function mothersByNik(db: Db, nik: string) {
  return db.selectFrom('health_mothers').selectAll().where('nik', '=', nik).execute();
}

export async function pregnanciesOfMother(db: Db, motherId: string) {
  return db.selectFrom('health_pregnancies').selectAll().where('mother_id', '=', motherId).execute();
}

export async function anonymiseChild(db: Db, id: string, now: Date) {
  await db
    .updateTable('health_children')
    .set({
      name: '—',
      nik: null,
      family_number: null,
      resident_id: null,
      mother_id: null,
      anonymised_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function anonymiseMother(db: Db, id: string, now: Date) {
  await db
    .updateTable('health_mothers')
    .set({ name: '—', nik: null, family_number: null, resident_id: null, birth_date: null, updated_at: now })
    .where('id', '=', id)
    .execute();
  await db.updateTable('health_children').set({ mother_id: null }).where('mother_id', '=', id).execute();
}

export async function updatePosyandu(
  db: Db,
  id: string,
  row: Updateable<HealthPosyanduTable>,
): Promise<void> {
  await db.updateTable('health_posyandu').set(row).where('id', '=', id).execute();
}

/** Writes a measurement's judgement again (after the child's birth date or sex changed). */
export async function setJudgement(
  db: Db,
  id: string,
  row: Pick<
    Updateable<HealthMeasurementTable>,
    | 'age_days'
    | 'haz'
    | 'waz'
    | 'whz'
    | 'height_for_age'
    | 'weight_for_age'
    | 'weight_for_height'
    | 'weight_gain'
    | 'two_t'
    | 'flags'
    | 'confirmed_implausible'
  >,
  now: Date,
): Promise<void> {
  await withRollupClock(db, now, (trx) =>
    trx
      .updateTable('health_measurements')
      .set({ ...row, updated_at: now })
      .where('id', '=', id)
      .execute(),
  );
}

/** What a child's search document is written from (children not anonymised). */
export interface ChildSearchRow {
  id: string;
  village_code: string;
  name: string;
  sex: number;
  birth_date: string;
  nik: string | null;
  family_number: string | null;
  posyandu_name: string;
  mother_name: string | null;
}

export async function childrenForSearch(
  db: Db,
  where: {
    ids?: string[];
    villageCode?: string | undefined;
    posyanduId?: string;
    after?: string;
    limit?: number;
  },
): Promise<ChildSearchRow[]> {
  if (where.ids && where.ids.length === 0) return [];
  let q = db
    .selectFrom('health_children as c')
    .innerJoin('health_posyandu as p', 'p.id', 'c.posyandu_id')
    .leftJoin('health_mothers as m', 'm.id', 'c.mother_id')
    .select([
      'c.id',
      'c.village_code',
      'c.name',
      'c.sex',
      'c.birth_date',
      'c.nik',
      'c.family_number',
      'p.name as posyandu_name',
      'm.name as mother_name',
    ])
    .where('c.anonymised_at', 'is', null);
  if (where.ids) q = q.where('c.id', 'in', where.ids);
  if (where.villageCode) q = q.where('c.village_code', '=', where.villageCode);
  if (where.posyanduId) q = q.where('c.posyandu_id', '=', where.posyanduId);
  if (where.after) q = q.where('c.id', '>', where.after);
  if (where.limit) q = q.orderBy('c.id').limit(where.limit);
  return q.execute();
}

export type PosyanduSearchRow = Pick<
  PosyanduRow,
  'id' | 'village_code' | 'name' | 'dusun' | 'schedule_day' | 'address' | 'active'
>;

export async function posyanduForSearch(
  db: Db,
  where: { id?: string; villageCode?: string | undefined },
): Promise<PosyanduSearchRow[]> {
  let q = db
    .selectFrom('health_posyandu')
    .select(['id', 'village_code', 'name', 'dusun', 'schedule_day', 'address', 'active']);
  if (where.id) q = q.where('id', '=', where.id);
  if (where.villageCode) q = q.where('village_code', '=', where.villageCode);
  return q.execute();
}

/** The children paired with these mothers (their search text names the mother). */
export async function childIdsOfMothers(db: Db, motherIds: string[]): Promise<string[]> {
  if (motherIds.length === 0) return [];
  const rows = await db
    .selectFrom('health_children')
    .select('id')
    .where('mother_id', 'in', motherIds)
    .execute();
  return rows.map((r) => r.id);
}
