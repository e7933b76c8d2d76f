import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import './schema.ts';

export async function takenEmails(db: Db, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .selectFrom('staff_users')
    .select(sql<string>`lower(email)`.as('email'))
    .where(sql`lower(email)`, 'in', emails)
    .execute();
  return new Set(rows.map((r) => r.email));
}

export async function insertBatch(
  db: Db,
  row: {
    created_by: string;
    file_name: string;
    rows_total: number;
    accounts_created: number;
    rows_rejected: number;
    letters_until: Date;
    created_at: Date;
  },
): Promise<string> {
  const inserted = await db
    .insertInto('onboarding_batches')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setBatchLetters(db: Db, batchId: string, fileId: string | null): Promise<void> {
  await db
    .updateTable('onboarding_batches')
    .set({ letters_file_id: fileId })
    .where('id', '=', batchId)
    .execute();
}

export async function findBatch(db: Db, batchId: string) {
  return db.selectFrom('onboarding_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
}

export async function insertAccounts(
  db: Db,
  rows: Array<{
    user_id: string;
    village_code: string;
    phone: string;
    batch_id: string | null;
    created_by: string | null;
    created_at: Date;
  }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('onboarding_accounts').values(rows).execute();
}

export async function insertCodes(
  db: Db,
  rows: Array<{ user_id: string; code_hash: string; created_at: Date; expires_at: Date }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('first_login_codes').values(rows).execute();
}

export async function revokeLiveCodes(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('first_login_codes')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The account behind an e-mail and its one code that still works at `now`, if any. */
export async function liveCodeOf(db: Db, email: string, now: Date) {
  return db
    .selectFrom('staff_users as u')
    .innerJoin('first_login_codes as c', 'c.user_id', 'u.id')
    .select(['u.id as userId', 'u.active', 'c.id as codeId', 'c.code_hash'])
    .where(sql`lower(u.email)`, '=', email)
    .where('c.used_at', 'is', null)
    .where('c.revoked_at', 'is', null)
    .where('c.expires_at', '>', now)
    .executeTakeFirst();
}

export async function staffIdByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff_users')
    .select('id')
    .where(sql`lower(email)`, '=', email)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Marks the code used unless someone used it a moment ago; true when this call used it. */
export async function useCode(db: Db, codeId: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('first_login_codes')
    .set({ used_at: at })
    .where('id', '=', codeId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markFirstLogin(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('onboarding_accounts')
    .set({ first_login_at: at })
    .where('user_id', '=', userId)
    .where('first_login_at', 'is', null)
    .execute();
  await db
    .updateTable('staff_users')
    .set({ last_login_at: at, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function awaitingFirstLogin(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('onboarding_accounts')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('first_login_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

export async function findAccount(db: Db, userId: string) {
  return db
    .selectFrom('onboarding_accounts as a')
    .innerJoin('staff_users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'a.village_code', 'a.first_login_at', 'u.name', 'u.email', 'u.role', 'u.active'])
    .where('a.user_id', '=', userId)
    .executeTakeFirst();
}

export async function accountsInRegion(db: Db, regionCode: string, villageCode?: string) {
  let query = db
    .selectFrom('onboarding_accounts as a')
    .innerJoin('staff_users as u', 'u.id', 'a.user_id')
    .select([
      'a.user_id',
      'a.village_code',
      'a.first_login_at',
      'a.created_at',
      'u.name',
      'u.email',
      'u.role',
    ]);
  query = villageCode
    ? query.where('a.village_code', '=', villageCode)
    : query.where((eb) =>
        eb.or([eb('a.village_code', '=', regionCode), eb('a.village_code', 'like', `${regionCode}.%`)]),
      );
  return query.orderBy('a.village_code').orderBy('u.role').orderBy('u.email').limit(500).execute();
}

/** Per village of a region: onboarding accounts made and how many of them have signed in. */
export async function accountCounts(db: Db, regionCode: string) {
  const rows = await db
    .selectFrom('onboarding_accounts')
    .select([
      'village_code',
      (eb) => eb.fn.countAll<string>().as('accounts'),
      (eb) => eb.fn.count<string>('first_login_at').as('signed_in'),
    ])
    .where((eb) =>
      eb.or([eb('village_code', '=', regionCode), eb('village_code', 'like', `${regionCode}.%`)]),
    )
    .groupBy('village_code')
    .execute();
  return new Map(
    rows.map((r) => [r.village_code, { accounts: Number(r.accounts), signedIn: Number(r.signed_in) }]),
  );
}
