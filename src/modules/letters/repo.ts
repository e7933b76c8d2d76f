/** The letters module's SQL: settings per issuer, numbering, issued letters. */
import { type Insertable, type Selectable, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import type { LetterTable } from './schema.ts';

export type LetterRow = Selectable<LetterTable>;

export function selectSettings(db: Db, issuer: string) {
  return db.selectFrom('letter_settings').selectAll().where('issuer', '=', issuer).executeTakeFirst();
}

export async function upsertLogo(
  db: Db,
  issuer: string,
  values: { numberPattern: string; logoFileId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('letter_settings')
    .values({
      issuer,
      number_pattern: values.numberPattern,
      logo_file_id: values.logoFileId,
      updated_at: values.now,
    })
    .onConflict((oc) =>
      oc.column('issuer').doUpdateSet({ logo_file_id: values.logoFileId, updated_at: values.now }),
    )
    .execute();
}

export async function upsertSettings(
  db: Db,
  issuer: string,
  values: {
    number_pattern: string;
    signatory_name: string;
    signatory_position: null;
    signatory_employee_number: string | null;
    delegate_name: string | null;
    delegate_position: string | null;
    delegate_employee_number: string | null;
    updated_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('letter_settings')
    .values({ issuer, ...values })
    .onConflict((oc) => oc.column('issuer').doUpdateSet(values))
    .execute();
}

/** Demo villages' signatories; a village that has its own settings keeps them. */
export async function insertSettingsIfMissing(
  db: Db,
  values: {
    issuer: string;
    number_pattern: string;
    signatory_name: string;
    delegate_name: null;
    delegate_position: string;
  },
): Promise<void> {
  await db
    .insertInto('letter_settings')
    .values(values)
    .onConflict((oc) => oc.column('issuer').doNothing())
    .execute();
}

export function selectAgency(db: Db, code: string) {
  return db
    .selectFrom('agencies')
    .select(['code', 'name', 'short_name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * The next number of an issuer's letters of one classification in one year. The row lock taken by
 * the upsert is held until the caller's transaction ends, so concurrent approvals (on any number
 * of app servers) queue here, and a transaction that fails after taking a number gives it back.
 */
export async function takeNextNumber(
  trx: Db,
  key: { issuer: string; year: number; classificationCode: string },
): Promise<number> {
  const row = await sql<{ last_number: number }>`
    INSERT INTO letter_sequences (issuer, year, classification_code, last_number)
    VALUES (${key.issuer}, ${key.year}, ${key.classificationCode}, 1)
    ON CONFLICT (issuer, year, classification_code)
    DO UPDATE SET last_number = letter_sequences.last_number + 1
    RETURNING last_number`.execute(trx);
  return Number(row.rows[0]?.last_number);
}

/** The number takeNextNumber would give now, read without taking it (no row is written or locked). */
export async function peekNextNumber(
  db: Db,
  key: { issuer: string; year: number; classificationCode: string },
): Promise<number> {
  const row = await db
    .selectFrom('letter_sequences')
    .select('last_number')
    .where('issuer', '=', key.issuer)
    .where('year', '=', key.year)
    .where('classification_code', '=', key.classificationCode)
    .executeTakeFirst();
  return Number(row?.last_number ?? 0) + 1;
}

export async function insertLetter(db: Db, values: Insertable<LetterTable>): Promise<string> {
  const row = await db.insertInto('letters').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function selectLetterByCode(db: Db, code: string) {
  return db.selectFrom('letters').selectAll().where('verification_code', '=', code).executeTakeFirst();
}

export function selectLetterByRequest(db: Db, requestId: string) {
  return db.selectFrom('letters').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export function selectLetterById(db: Db, id: string) {
  return db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of a village's register, newest first, and how many letters it holds in all. */
export async function selectRegister(
  db: Db,
  villageCode: string,
  options: { year?: number | undefined; limit: number; offset: number },
) {
  let query = db.selectFrom('letters').where('village_code', '=', villageCode);
  if (options.year) query = query.where('year', '=', options.year);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('issued_at', 'desc')
      .orderBy('sequence', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every letter of a region (village or kecamatan) numbered in one year, newest first. */
export function selectRegisterOfYear(db: Db, region: string, year: number) {
  return whereInRegion(db.selectFrom('letters').selectAll().where('year', '=', year), 'village_code', region)
    .orderBy('issued_at', 'desc')
    .orderBy('sequence', 'desc')
    .execute();
}

/** Letters numbered in a register year, per village of a region (a count names nobody). */
export async function countLettersByVillage(db: Db, region: string, year: number) {
  const rows = await whereInRegion(
    db
      .selectFrom('letters')
      .select(['village_code', sql<number>`count(*)::int`.as('n')])
      .where('year', '=', year)
      .groupBy('village_code'),
    'village_code',
    region,
  ).execute();
  return rows.map((r) => ({ villageCode: r.village_code, issued: Number(r.n) }));
}
