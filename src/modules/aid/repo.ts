import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import type {
  AidApplicationEventTable,
  AidApplicationTable,
  AidBeneficiaryEventTable,
  AidBeneficiaryTable,
  AidProgrammeTable,
  ApplicationStatus,
} from './schema.ts';
import './schema.ts';

export type ProgrammeRow = Selectable<AidProgrammeTable>;
export type BeneficiaryRow = Selectable<AidBeneficiaryTable>;
export type ApplicationRow = Selectable<AidApplicationTable>;

// ---- programmes ----

/** The programmes a village may use (the regency's and its own); every one for a null village. */
export function programmesFor(db: Db, villageCode: string | null, options: { activeOnly?: boolean } = {}) {
  let query = db.selectFrom('aid_programmes').selectAll();
  if (villageCode)
    query = query.where((eb) =>
      eb.or([eb('village_code', 'is', null), eb('village_code', '=', villageCode)]),
    );
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy(sql`village_code IS NOT NULL`).orderBy('code').execute();
}

export function programmeById(db: Db, id: string) {
  return db.selectFrom('aid_programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function programmeByCode(db: Db, code: string, villageCode: string) {
  return db
    .selectFrom('aid_programmes')
    .selectAll()
    .where(sql<boolean>`upper(code) = upper(${code})`)
    .where((eb) => eb.or([eb('village_code', 'is', null), eb('village_code', '=', villageCode)]))
    .orderBy(sql`village_code IS NULL`)
    .executeTakeFirst();
}

export function insertProgramme(db: Db, row: Insertable<AidProgrammeTable>) {
  return db.insertInto('aid_programmes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function regencyProgrammeCodes(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('aid_programmes')
    .select('code')
    .where('village_code', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.code));
}

// ---- DTSEN deciles ----

export function decilesOf(db: Db, familyNumbers: string[]) {
  if (familyNumbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('aid_family_deciles')
    .select(['family_number', 'decile', 'as_of', 'source'])
    .where('family_number', 'in', familyNumbers)
    .execute();
}

export async function saveDecile(
  db: Db,
  row: {
    familyNumber: string;
    villageCode: string;
    decile: number;
    asOf: string;
    source: string;
    by: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('aid_family_deciles')
    .values({
      family_number: row.familyNumber,
      village_code: row.villageCode,
      decile: row.decile,
      as_of: row.asOf,
      source: row.source,
      updated_by: row.by,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.column('family_number').doUpdateSet({
        decile: row.decile,
        as_of: row.asOf,
        source: row.source,
        village_code: row.villageCode,
        updated_by: row.by,
        updated_at: row.at,
      }),
    )
    .execute();
}

// ---- beneficiaries ----

const beneficiaryColumns = [
  'b.id',
  'b.village_code',
  'b.programme_id',
  'b.period',
  'b.subject_key',
  'b.nik',
  'b.family_number',
  'b.resident_id',
  'b.name',
  'b.dusun',
  'b.rt',
  'b.active',
  'b.verified_at',
  'b.stopped_reason',
  'b.application_id',
  'b.created_at',
  'p.code as programme_code',
  'p.name as programme_name',
  'p.source as programme_source',
  'p.target as programme_target',
] as const;

function beneficiaries(db: Db) {
  return db
    .selectFrom('aid_beneficiaries as b')
    .innerJoin('aid_programmes as p', 'p.id', 'b.programme_id')
    .select(beneficiaryColumns);
}

export type BeneficiaryView = Awaited<ReturnType<typeof beneficiaryById>> & object;

export function beneficiaryById(db: Db, id: string) {
  return beneficiaries(db).where('b.id', '=', id).executeTakeFirst();
}

export function findBeneficiary(db: Db, programmeId: string, period: string, subjectKey: string) {
  return db
    .selectFrom('aid_beneficiaries')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('period', '=', period)
    .where('subject_key', '=', subjectKey)
    .executeTakeFirst();
}

export interface BeneficiaryFilter {
  region: string | null;
  programmeId?: string;
  period?: string;
  unverifiedOnly?: boolean;
  activeOnly?: boolean;
  limit: number;
  offset: number;
}

function filteredBeneficiaries(db: Db, f: BeneficiaryFilter) {
  let query = whereInRegion(beneficiaries(db), 'b.village_code', f.region);
  if (f.programmeId) query = query.where('b.programme_id', '=', f.programmeId);
  if (f.period) query = query.where('b.period', '=', f.period);
  if (f.unverifiedOnly) query = query.where('b.verified_at', 'is', null).where('b.active', '=', true);
  if (f.activeOnly) query = query.where('b.active', '=', true);
  return query;
}

export async function listBeneficiaries(db: Db, f: BeneficiaryFilter) {
  const [rows, total] = await Promise.all([
    filteredBeneficiaries(db, f)
      .orderBy('b.village_code')
      .orderBy('p.code')
      .orderBy('b.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filteredBeneficiaries(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Every entry of a family: by its KK number, and its members' own (person programmes). */
export function beneficiariesOfFamily(db: Db, familyNumber: string) {
  return beneficiaries(db)
    .where((eb) => eb.or([eb('b.family_number', '=', familyNumber), eb('b.subject_key', '=', familyNumber)]))
    .orderBy('b.active', 'desc')
    .orderBy('p.code')
    .orderBy('b.period', 'desc')
    .execute();
}

export function beneficiariesByNik(db: Db, nik: string) {
  return beneficiaries(db).where('b.nik', '=', nik).execute();
}

export function insertBeneficiary(db: Db, row: Insertable<AidBeneficiaryTable>) {
  return db.insertInto('aid_beneficiaries').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateBeneficiary(db: Db, id: string, change: Updateable<AidBeneficiaryTable>) {
  return db.updateTable('aid_beneficiaries').set(change).where('id', '=', id).execute();
}

export function insertBeneficiaryEvent(db: Db, row: Insertable<AidBeneficiaryEventTable>) {
  return db.insertInto('aid_beneficiary_events').values(row).execute();
}

export function beneficiaryEvents(db: Db, beneficiaryId: string) {
  return db
    .selectFrom('aid_beneficiary_events')
    .selectAll()
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('seq')
    .execute();
}

/** The public BLT-DD list of a village: active entries of Dana Desa programmes in a period. */
export function publicDanaDesaList(db: Db, villageCode: string, period: string) {
  return db
    .selectFrom('aid_beneficiaries as b')
    .innerJoin('aid_programmes as p', 'p.id', 'b.programme_id')
    .select(['b.name', 'b.dusun', 'b.rt', 'p.name as programme_name', 'b.period'])
    .where('b.village_code', '=', villageCode)
    .where('p.source', '=', 'dana_desa')
    .where('b.active', '=', true)
    .where('b.period', '=', period)
    .orderBy('b.dusun')
    .orderBy('b.rt')
    .orderBy('b.name')
    .execute();
}

// ---- applications ----

export async function nextApplicationCode(db: Db, year: number): Promise<string> {
  const row = await sql<{ n: number }>`SELECT nextval('aid_application_number') AS n`.execute(db);
  return `BANSOS-${year}-${String(row.rows[0]?.n ?? 0).padStart(6, '0')}`;
}

const applicationColumns = [
  'a.id',
  'a.code',
  'a.village_code',
  'a.programme_id',
  'a.resident_id',
  'a.nik',
  'a.family_number',
  'a.name',
  'a.dusun',
  'a.rt',
  'a.phone',
  'a.reason',
  'a.status',
  'a.filed_by',
  'a.submitted_at',
  'a.status_at',
  'a.due_at',
  'a.musdes_date',
  'a.musdes_number',
  'a.musdes_file_id',
  'a.return_reason',
  'a.decision_reason',
  'a.disbursed_on',
  'a.amount',
  'a.goods',
  'a.beneficiary_id',
  'p.code as programme_code',
  'p.name as programme_name',
  'p.source as programme_source',
  'p.target as programme_target',
] as const;

function applications(db: Db) {
  return db
    .selectFrom('aid_applications as a')
    .innerJoin('aid_programmes as p', 'p.id', 'a.programme_id')
    .select(applicationColumns);
}

export type ApplicationView = NonNullable<Awaited<ReturnType<typeof applicationById>>>;

export function applicationById(db: Db, id: string) {
  return applications(db).where('a.id', '=', id).executeTakeFirst();
}

export function applicationsOfResident(db: Db, residentId: string, nik: string) {
  return applications(db)
    .where((eb) => eb.or([eb('a.resident_id', '=', residentId), eb('a.nik', '=', nik)]))
    .orderBy('a.submitted_at', 'desc')
    .execute();
}

export function applicationsByNik(db: Db, nik: string) {
  return applications(db).where('a.nik', '=', nik).execute();
}

export interface ApplicationFilter {
  region: string | null;
  statuses?: ApplicationStatus[];
  programmeId?: string;
  limit: number;
  offset: number;
}

function filteredApplications(db: Db, f: ApplicationFilter) {
  let query = whereInRegion(applications(db), 'a.village_code', f.region);
  if (f.statuses && f.statuses.length > 0) query = query.where('a.status', 'in', f.statuses);
  if (f.programmeId) query = query.where('a.programme_id', '=', f.programmeId);
  return query;
}

/** Overdue first (the earliest due date), then the oldest filing. */
export async function listApplications(db: Db, f: ApplicationFilter) {
  const [rows, total] = await Promise.all([
    filteredApplications(db, f)
      .orderBy(sql`a.due_at ASC NULLS LAST`)
      .orderBy('a.submitted_at')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filteredApplications(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function insertApplication(db: Db, row: Insertable<AidApplicationTable>) {
  return db.insertInto('aid_applications').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Moves an application on only from the status it was read in: a second click changes nothing. */
export async function updateApplication(
  db: Db,
  id: string,
  from: ApplicationStatus,
  change: Updateable<AidApplicationTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('aid_applications')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function insertApplicationEvent(db: Db, row: Insertable<AidApplicationEventTable>) {
  return db.insertInto('aid_application_events').values(row).execute();
}

export function applicationEvents(db: Db, applicationId: string) {
  return db
    .selectFrom('aid_application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export async function clearApplicationContact(db: Db, id: string, at: Date) {
  await db
    .updateTable('aid_applications')
    .set({ phone: null, reason: '', updated_at: at })
    .where('id', '=', id)
    .execute();
}

// ---- counts (work queue, figures) ----

export async function applicationCounts(db: Db, region: string | null, now: Date) {
  return whereInRegion(
    db
      .selectFrom('aid_applications as a')
      .select((eb) => [
        'a.status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>(eb.case().when('a.due_at', '<', now).then(1).end()).as('overdue'),
      ]),
    'a.village_code',
    region,
  )
    .groupBy('a.status')
    .execute();
}

export async function unverifiedBeneficiaries(db: Db, region: string | null): Promise<number> {
  const row = await whereInRegion(
    db
      .selectFrom('aid_beneficiaries as b')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('b.active', '=', true)
      .where('b.verified_at', 'is', null),
    'b.village_code',
    region,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active entries per village and programme in a region (a period, or every period). */
export function recipientsByVillage(db: Db, region: string | null, period: string | null) {
  let query = whereInRegion(
    db
      .selectFrom('aid_beneficiaries as b')
      .innerJoin('aid_programmes as p', 'p.id', 'b.programme_id')
      .select((eb) => ['b.village_code', 'p.code as programme_code', eb.fn.countAll<number>().as('n')])
      .where('b.active', '=', true),
    'b.village_code',
    region,
  );
  if (period) query = query.where('b.period', '=', period);
  return query.groupBy(['b.village_code', 'p.code']).execute();
}

export function applicationsByVillage(db: Db, region: string | null) {
  return whereInRegion(
    db
      .selectFrom('aid_applications as a')
      .select((eb) => ['a.village_code', 'a.status', eb.fn.countAll<number>().as('n')]),
    'a.village_code',
    region,
  )
    .groupBy(['a.village_code', 'a.status'])
    .execute();
}

/** Families (or persons without a family card) receiving at least one programme now. */
export async function recipientFamilies(db: Db, region: string | null): Promise<number> {
  const row = await whereInRegion(
    db
      .selectFrom('aid_beneficiaries as b')
      .select(sql<number>`count(DISTINCT coalesce(b.family_number, b.subject_key))`.as('n'))
      .where('b.active', '=', true),
    'b.village_code',
    region,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function openApplications(db: Db, region: string | null): Promise<number> {
  const row = await whereInRegion(
    db
      .selectFrom('aid_applications as a')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.status', 'in', ['diajukan', 'dikembalikan', 'diverifikasi_desa', 'diteruskan', 'disetujui']),
    'a.village_code',
    region,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The steps an office finished in `[from, to)` within a region: each history line moving an
 * application to one of `statuses`, with the status and time it left (the line before it).
 */
export function stepsFinishedBetween(
  db: Db,
  region: string | null,
  statuses: ApplicationStatus[],
  period: { from: Date; to: Date },
) {
  const lines = db
    .selectFrom('aid_application_events as e')
    .select([
      'e.village_code',
      'e.status',
      'e.actor_kind',
      'e.actor_id',
      'e.actor_name',
      'e.at',
      sql<ApplicationStatus | null>`lag(e.status) OVER (PARTITION BY e.application_id ORDER BY e.seq)`.as(
        'from_status',
      ),
      sql<Date | null>`lag(e.at) OVER (PARTITION BY e.application_id ORDER BY e.seq)`.as('from_at'),
    ]);
  // an application's lines all carry its village, so the region narrows before the window
  return db
    .selectFrom(whereInRegion(lines, 'e.village_code', region).as('l'))
    .selectAll()
    .where('l.status', 'in', statuses)
    .where('l.at', '>=', period.from)
    .where('l.at', '<', period.to)
    .where('l.from_at', 'is not', null)
    .orderBy('l.at')
    .execute();
}

/** Applications in the given statuses within a region, most urgent first (the officer's work queue). */
export function applicationsWaiting(
  db: Db,
  region: string | null,
  statuses: ApplicationStatus[],
  limit: number,
) {
  return whereInRegion(
    db
      .selectFrom('aid_applications as a')
      .innerJoin('aid_programmes as p', 'p.id', 'a.programme_id')
      .select(['a.id', 'a.code', 'a.status', 'a.status_at', 'a.due_at', 'p.name as programme'])
      .where('a.status', 'in', statuses),
    'a.village_code',
    region,
  )
    .orderBy(sql`a.due_at IS NULL`)
    .orderBy('a.due_at')
    .orderBy('a.status_at')
    .limit(limit)
    .execute();
}
