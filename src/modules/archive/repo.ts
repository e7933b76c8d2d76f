/** The archive module's SQL: the classification list, the incoming and outgoing registers, dispositions. */
import { type Expression, type Insertable, type Selectable, type SqlBool, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/index.ts';
import { likeEscape } from '../../platform/http/input.ts';
import type {
  ArchiveDispositionTable,
  ArchiveIncomingTable,
  ArchiveOutgoingTable,
  ClassificationCodeTable,
} from './schema.ts';

export type ClassificationRow = Selectable<ClassificationCodeTable>;
export type IncomingRow = Selectable<ArchiveIncomingTable>;
export type OutgoingRow = Selectable<ArchiveOutgoingTable>;

// ---- classification codes

export async function countCodes(db: Db): Promise<number> {
  const row = await db
    .selectFrom('classification_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Adds codes not yet stored, parents first; a stored code (perhaps edited by the admin) is never
 * rewritten. One statement with the rows as one JSON parameter: thousands of bound values are slow on PGlite.
 */
export async function insertCodes(db: Db, rows: Insertable<ClassificationCodeTable>[]): Promise<void> {
  await sql`
    INSERT INTO classification_codes (code, name, parent, retention_active, retention_inactive, final_disposition)
    SELECT code, name, parent, retention_active, retention_inactive, final_disposition
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(code text, name text, parent text, retention_active text, retention_inactive text, final_disposition text)
    ORDER BY array_length(string_to_array(code, '.'), 1)
    ON CONFLICT (code) DO NOTHING`.execute(db);
}

export function selectCode(db: Db, code: string) {
  return db.selectFrom('classification_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function selectActiveCodeName(db: Db, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('classification_codes')
    .select('name')
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.name ?? null;
}

export async function searchCodes(db: Db, filter: { q?: string; limit: number; offset: number }) {
  let query = db.selectFrom('classification_codes');
  if (filter.q) {
    const like = `%${likeEscape(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('code', 'like', `${likeEscape(filter.q ?? '')}%`), eb('name', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`string_to_array(code, '.')::int[]`)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function upsertCode(db: Db, row: Insertable<ClassificationCodeTable>): Promise<void> {
  await db
    .insertInto('classification_codes')
    .values(row)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        name: row.name,
        retention_active: row.retention_active ?? '',
        retention_inactive: row.retention_inactive ?? '',
        final_disposition: row.final_disposition ?? '',
        active: row.active ?? true,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---- agenda numbers

/** Serialises agenda numbering of one register, village and year until the transaction ends. */
export async function lockAgenda(db: Db, register: string, villageCode: string, year: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`${register}:${villageCode}:${year}`}))`.execute(db);
}

export async function nextAgendaNumber(
  db: Db,
  table: 'archive_incoming' | 'archive_outgoing',
  villageCode: string,
  year: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('agenda_number').as('n'))
    .where('village_code', '=', villageCode)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

// ---- incoming

export async function insertIncoming(db: Db, row: Insertable<ArchiveIncomingTable>): Promise<string> {
  const inserted = await db
    .insertInto('archive_incoming')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function selectIncoming(db: Db, id: string) {
  return db.selectFrom('archive_incoming').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface RegisterFilter {
  region: string;
  year?: number | undefined;
  classification?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * A register's classification filter (the code and every code under it) and text search (subject,
 * letter number and `party`: the sender of an incoming letter, the recipient of an outgoing one).
 */
function registerMatch(
  filter: Pick<RegisterFilter, 'classification' | 'q'>,
  party: 'sender' | 'recipient',
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const code = filter.classification;
  if (code)
    parts.push(sql`(classification_code = ${code} OR classification_code LIKE ${`${likeEscape(code)}.%`})`);
  if (filter.q) {
    const like = `%${likeEscape(filter.q)}%`;
    parts.push(
      sql`(subject ILIKE ${like} OR ${sql.ref(party)} ILIKE ${like} OR letter_number ILIKE ${like})`,
    );
  }
  return parts.length > 0 ? sql<SqlBool>`${sql.join(parts, sql` AND `)}` : sql<SqlBool>`true`;
}

export interface IncomingFilter extends RegisterFilter {
  status?: 'tanpa' | 'belum' | 'proses' | 'selesai' | undefined;
  assigneeId?: string | undefined;
}

/** Incoming letters with their dispositions' state: the least advanced open one, or none. */
export async function selectIncomingList(db: Db, filter: IncomingFilter) {
  const progress = sql<string | null>`(
    SELECT CASE WHEN count(*) = 0 THEN NULL WHEN bool_or(d.status = 'belum') THEN 'belum' WHEN bool_or(d.status = 'proses') THEN 'proses' ELSE 'selesai' END
    FROM archive_dispositions d WHERE d.incoming_id = archive_incoming.id)`;
  let query = whereInRegion(
    db.selectFrom('archive_incoming').where('deleted_at', 'is', null),
    'village_code',
    filter.region,
  );
  if (filter.year) query = query.where('year', '=', filter.year);
  query = query.where(registerMatch(filter, 'sender'));
  if (filter.status === 'tanpa') query = query.where(sql<boolean>`${progress} IS NULL`);
  else if (filter.status) query = query.where(sql<boolean>`${progress} = ${filter.status}`);
  if (filter.assigneeId) {
    const assignee = filter.assigneeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('archive_dispositions as d')
          .select('d.id')
          .whereRef('d.incoming_id', '=', 'archive_incoming.id')
          .where('d.assignee_id', '=', assignee)
          .where('d.status', '<>', 'selesai'),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .select(progress.as('progress'))
      .orderBy('received_on', 'desc')
      .orderBy('agenda_number', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function markDeleted(
  db: Db,
  table: 'archive_incoming' | 'archive_outgoing',
  id: string,
  values: { at: Date; by: string | null; reason: string },
): Promise<void> {
  await db
    .updateTable(table)
    .set({ deleted_at: values.at, deleted_by: values.by, deleted_reason: values.reason })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function selectDeleted(db: Db, region: string) {
  const incoming = deletedEntries(db, 'archive_incoming', 'masuk', region);
  const outgoing = deletedEntries(db, 'archive_outgoing', 'keluar', region);
  return incoming.unionAll(outgoing).orderBy('deleted_at', 'desc').limit(500).execute();
}

function deletedEntries(
  db: Db,
  table: 'archive_incoming' | 'archive_outgoing',
  register: 'masuk' | 'keluar',
  region: string,
) {
  // both registers have these columns; typed as the incoming one, as Kysely cannot join on a union of tables
  const from = `${table} as e` as 'archive_incoming as e';
  return whereInRegion(
    db
      .selectFrom(from)
      .leftJoin('staff_users as u', 'u.id', 'e.deleted_by')
      .select([
        'e.id',
        'e.village_code',
        'e.year',
        'e.agenda_number',
        'e.letter_number',
        'e.subject',
        'e.deleted_at',
        'e.deleted_reason',
        'u.name as deleted_by_name',
        sql<string>`${sql.lit(register)}`.as('register'),
      ])
      .where('e.deleted_at', 'is not', null),
    'e.village_code',
    region,
  );
}

// ---- dispositions

export async function insertDisposition(db: Db, row: Insertable<ArchiveDispositionTable>): Promise<string> {
  const inserted = await db
    .insertInto('archive_dispositions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function selectDispositions(db: Db, incomingId: string) {
  return db
    .selectFrom('archive_dispositions as d')
    .innerJoin('staff_users as u', 'u.id', 'd.assignee_id')
    .selectAll('d')
    .select('u.name as assignee_name')
    .where('d.incoming_id', '=', incomingId)
    .orderBy('d.created_at')
    .execute();
}

export function selectDisposition(db: Db, id: string) {
  return db.selectFrom('archive_dispositions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDisposition(
  db: Db,
  id: string,
  values: { status: 'belum' | 'proses' | 'selesai'; reply: string; at: Date },
): Promise<void> {
  await db
    .updateTable('archive_dispositions')
    .set({ status: values.status, reply: values.reply, updated_at: values.at })
    .where('id', '=', id)
    .execute();
}

/** The open dispositions of one officer in live entries, with how many are past their due date. */
export async function countOpenDispositions(db: Db, assigneeId: string, today: string) {
  const row = await db
    .selectFrom('archive_dispositions as d')
    .innerJoin('archive_incoming as e', 'e.id', 'd.incoming_id')
    .select([
      sql<number>`count(*)::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE d.due_on < ${today})::int`.as('overdue'),
    ])
    .where('d.assignee_id', '=', assigneeId)
    .where('d.status', '<>', 'selesai')
    .where('e.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue) };
}

/** Active staff of one village: who a letter can be disposed to. */
export function selectVillageStaff(db: Db, villageCode: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'name', 'role'])
    .where('scope_type', '=', 'region')
    .where('scope_code', '=', villageCode)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

// ---- outgoing

export async function insertOutgoing(db: Db, row: Insertable<ArchiveOutgoingTable>): Promise<string> {
  const inserted = await db
    .insertInto('archive_outgoing')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function selectOutgoing(db: Db, id: string) {
  return db.selectFrom('archive_outgoing').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSending(
  db: Db,
  id: string,
  values: { sentOn: string | null; receiptFileId?: string | null; receiptNotedAt: Date | null },
): Promise<void> {
  await db
    .updateTable('archive_outgoing')
    .set({
      sent_on: values.sentOn,
      receipt_noted_at: values.receiptNotedAt,
      ...(values.receiptFileId !== undefined ? { receipt_file_id: values.receiptFileId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export function selectOutgoingOfYear(
  db: Db,
  filter: Omit<RegisterFilter, 'limit' | 'offset'> & { year: number },
) {
  const query = whereInRegion(
    db.selectFrom('archive_outgoing').where('deleted_at', 'is', null).where('year', '=', filter.year),
    'village_code',
    filter.region,
  );
  return query.where(registerMatch(filter, 'recipient')).selectAll().execute();
}

/** One officer's open dispositions in live entries, with the letter each is about (their work queue). */
export function selectOpenDispositionsOf(db: Db, assigneeId: string, limit: number) {
  return db
    .selectFrom('archive_dispositions as d')
    .innerJoin('archive_incoming as e', 'e.id', 'd.incoming_id')
    .select(['d.id', 'd.incoming_id', 'd.due_on', 'd.created_at', 'e.sender', 'e.subject', 'e.agenda_number'])
    .where('d.assignee_id', '=', assigneeId)
    .where('d.status', '<>', 'selesai')
    .where('e.deleted_at', 'is', null)
    .orderBy(sql`d.due_on IS NULL`)
    .orderBy('d.due_on')
    .orderBy('d.created_at')
    .limit(limit)
    .execute();
}

/** Dispositions in live entries of a region finished (`selesai`) in `[from, to)`, with their officer. */
export function selectDispositionsFinished(db: Db, region: string, period: { from: Date; to: Date }) {
  return whereInRegion(
    db
      .selectFrom('archive_dispositions as d')
      .innerJoin('archive_incoming as e', 'e.id', 'd.incoming_id')
      .leftJoin('staff_users as u', 'u.id', 'd.assignee_id')
      .select([
        'd.assignee_id',
        'u.name as officer_name',
        'd.village_code',
        'd.due_on',
        'd.created_at',
        'd.updated_at',
      ])
      .where('d.status', '=', 'selesai')
      .where('d.updated_at', '>=', period.from)
      .where('d.updated_at', '<', period.to)
      .where('e.deleted_at', 'is', null),
    'd.village_code',
    region,
  ).execute();
}
