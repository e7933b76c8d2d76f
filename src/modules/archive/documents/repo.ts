import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import { titleMatches } from '../../../platform/search/service.ts';
import type { ArchiveReadScope } from '../policy.ts';
import type { AccessClass, ArchiveDocumentTable, Disposition } from './schema.ts';
import './schema.ts';

export type DocumentRow = Omit<Selectable<ArchiveDocumentTable>, 'search' | 'label' | 'text'>;

/** Every column but the text and the generated ones (a list never carries the text). */
const COLUMNS = [
  'id',
  'village_code',
  'file_id',
  'sha256',
  'content_type',
  'size',
  'file_name',
  'title',
  'number',
  'document_date',
  'classification',
  'category',
  'active_years',
  'inactive_years',
  'disposition',
  'access_class',
  'location',
  'extraction_state',
  'extraction_method',
  'extraction_attempts',
  'extraction_error',
  'extraction_started_at',
  'extraction_next_at',
  'pages_done',
  'pages_total',
  'created_by',
  'created_at',
  'updated_at',
  'deleted_at',
  'deleted_by',
  'deleted_reason',
  'destroyed_at',
  'destruction_id',
] as const;

/** The metadata an editor may change after the upload (never the file, its hash or its text). */
export type EditableMetadata = Pick<
  DocumentRow,
  | 'title'
  | 'number'
  | 'document_date'
  | 'classification'
  | 'category'
  | 'active_years'
  | 'inactive_years'
  | 'disposition'
  | 'access_class'
  | 'location'
>;

/** What an upload writes: the file and its metadata (extraction, deletion and destruction come later). */
export type NewDocument = EditableMetadata &
  Pick<
    DocumentRow,
    | 'village_code'
    | 'sha256'
    | 'content_type'
    | 'size'
    | 'file_name'
    | 'created_by'
    | 'created_at'
    | 'updated_at'
  > & { file_id: string };

export async function insertDocument(db: Db, doc: NewDocument): Promise<string> {
  const row = await db.insertInto('archive_documents').values(doc).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findBySha(db: Db, villageCode: string, sha256: string) {
  return db
    .selectFrom('archive_documents')
    .select(['id', 'title', 'access_class', 'deleted_at'])
    .where('village_code', '=', villageCode)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('archive_documents').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function updateMetadata(db: Db, id: string, values: EditableMetadata & { updated_at: Date }) {
  await db.updateTable('archive_documents').set(values).where('id', '=', id).execute();
}

export async function documentText(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('archive_documents').select('text').where('id', '=', id).executeTakeFirst();
  return row?.text ?? '';
}

export interface Filters {
  year?: number | undefined;
  category?: string | undefined;
  classification?: string | undefined;
  accessClass?: AccessClass | undefined;
}

/** The scope (region and readable classes) and the filters, in one WHERE: applied before any LIMIT. */
function within(scope: ArchiveReadScope, filters: Filters): Expression<SqlBool> {
  const parts: Array<Expression<SqlBool>> = [
    sql<SqlBool>`deleted_at IS NULL AND destroyed_at IS NULL`,
    sql<SqlBool>`access_class IN (${sql.join(scope.classes)})`,
  ];
  if (scope.region !== null)
    parts.push(
      scope.region.length === 13
        ? sql<SqlBool>`village_code = ${scope.region}`
        : sql<SqlBool>`(village_code >= ${`${scope.region}.`} AND village_code < ${`${scope.region}/`})`,
    );
  if (filters.year)
    parts.push(
      sql<SqlBool>`document_date >= ${`${filters.year}-01-01`}::date AND document_date < ${`${filters.year + 1}-01-01`}::date`,
    );
  if (filters.category) parts.push(sql<SqlBool>`category = ${filters.category}`);
  if (filters.classification)
    parts.push(sql<SqlBool>`classification LIKE ${`${filters.classification.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (filters.accessClass) parts.push(sql<SqlBool>`access_class = ${filters.accessClass}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export const PAGE_SIZE = 20;

export type ListedDocument = Pick<
  DocumentRow,
  | 'id'
  | 'village_code'
  | 'title'
  | 'number'
  | 'document_date'
  | 'category'
  | 'classification'
  | 'access_class'
  | 'extraction_state'
  | 'pages_done'
  | 'pages_total'
>;

const LISTED = sql`id, village_code, title, number, document_date::text AS document_date, category,
  classification, access_class, extraction_state, pages_done, pages_total`;

export async function listDocuments(
  db: Db,
  scope: ArchiveReadScope,
  filters: Filters,
  page: number,
): Promise<{ rows: ListedDocument[]; total: number }> {
  const where = within(scope, filters);
  const rows = await sql<ListedDocument>`
    SELECT ${LISTED} FROM archive_documents WHERE ${where}
    ORDER BY document_date DESC, created_at DESC, id
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`.execute(db);
  const count = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM archive_documents WHERE ${where}`.execute(db);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** Markers ts_headline puts around a matching word: control characters, which stored text never holds. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "`;
/** How many matches a search ranks at most; counted as "more than" beyond it. */
export const SEARCH_CAP = 1000;

export type FoundDocument = ListedDocument & { headline: string; titleMarked: string };

/**
 * Documents by words inside (full text, `indonesian`: "perbaikan" finds "diperbaiki") or by a
 * name or number in the title (trigram), within the scope and filters, best first, with the
 * matching words marked. Call inside `withWordSimilarity`.
 */
export async function searchDocuments(
  db: Db,
  scope: ArchiveReadScope,
  filters: Filters,
  term: string,
  page: number,
): Promise<{ rows: FoundDocument[]; total: number }> {
  const words = sql`websearch_to_tsquery('indonesian', ${term})`;
  const where = within(scope, filters);
  const match = sql<SqlBool>`(search @@ ${words} OR ${titleMatches(term, 'label')})`;
  const found = await sql<FoundDocument & { n: number }>`
    WITH hit AS (
      SELECT id, greatest(ts_rank(search, ${words}), word_similarity(${term}, label)) AS rank, document_date, created_at
      FROM archive_documents WHERE ${where} AND ${match}
      LIMIT ${SEARCH_CAP + 1}
    ), ranked AS (
      SELECT id, rank, count(*) OVER ()::int AS n FROM hit
      ORDER BY rank DESC, document_date DESC, created_at DESC, id
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}
    )
    SELECT ${LISTED}, ranked.n,
      ts_headline('indonesian', left(d.text, 100000), ${words}, ${HEADLINE}) AS headline,
      ts_headline('indonesian', d.title, ${words}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) AS "titleMarked"
    FROM ranked JOIN archive_documents d USING (id)
    ORDER BY ranked.rank DESC, d.document_date DESC, d.created_at DESC, d.id`.execute(db);
  return {
    rows: found.rows.map(({ n: _n, ...row }) => row),
    total: found.rows[0]?.n ?? (page > 1 ? await countMatches(db, where, match) : 0),
  };
}

async function countMatches(db: Db, where: Expression<SqlBool>, match: Expression<SqlBool>): Promise<number> {
  const c = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM archive_documents WHERE ${where} AND ${match} LIMIT ${SEARCH_CAP + 1}) s`.execute(
    db,
  );
  return c.rows[0]?.n ?? 0;
}

export function setDocumentText(
  db: Db,
  id: string,
  values: { text: string; method: string; pagesTotal: number; at: Date },
) {
  return db
    .updateTable('archive_documents')
    .set({
      text: values.text,
      extraction_method: values.method,
      extraction_state: 'selesai',
      extraction_error: null,
      pages_total: values.pagesTotal,
      pages_done: values.pagesTotal,
      updated_at: values.at,
    })
    .where('id', '=', id)
    .execute();
}

export function setProgress(db: Db, id: string, pagesDone: number, pagesTotal: number) {
  return db
    .updateTable('archive_documents')
    .set({ pages_done: pagesDone, pages_total: pagesTotal })
    .where('id', '=', id)
    .execute();
}

export interface ClaimedDocument {
  id: string;
  file_id: string;
  content_type: string;
  extraction_attempts: number;
}

/**
 * Takes the oldest document waiting for its text: new, failed and due again, or left running by
 * a process that died. One statement, so no transaction is held while the text is extracted.
 */
export async function claimPending(db: Db, now: Date, staleBefore: Date, maxAttempts: number) {
  const result = await sql<ClaimedDocument>`
    UPDATE archive_documents SET extraction_state = 'berjalan', extraction_started_at = ${now},
      extraction_attempts = extraction_attempts + 1, pages_done = 0
    WHERE id = (
      SELECT id FROM archive_documents
      WHERE extraction_state <> 'selesai' AND file_id IS NOT NULL AND deleted_at IS NULL
        AND extraction_attempts < ${maxAttempts}
        AND (extraction_state = 'menunggu'
          OR (extraction_state = 'gagal' AND extraction_next_at <= ${now})
          OR (extraction_state = 'berjalan' AND extraction_started_at < ${staleBefore}))
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, file_id, content_type, extraction_attempts`.execute(db);
  return result.rows[0];
}

export function setFailed(db: Db, id: string, error: string, nextAt: Date) {
  return db
    .updateTable('archive_documents')
    .set({ extraction_state: 'gagal', extraction_error: error.slice(0, 1000), extraction_next_at: nextAt })
    .where('id', '=', id)
    .execute();
}

export function markDeleted(db: Db, id: string, values: { by: string | null; reason: string; at: Date }) {
  return db
    .updateTable('archive_documents')
    .set({
      deleted_at: values.at,
      deleted_by: values.by,
      deleted_reason: values.reason,
      updated_at: values.at,
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

/** The day a document's inactive years end, in SQL (document date + active + inactive years). */
const RETENTION_END = sql`(document_date + make_interval(years => active_years + inactive_years))::date`;

/** Still kept, readable, past its retention, and not to be kept permanently. */
function dueWhere(villageCode: string, classes: AccessClass[], today: string): Expression<SqlBool> {
  return sql<SqlBool>`village_code = ${villageCode} AND deleted_at IS NULL AND destroyed_at IS NULL
    AND access_class IN (${sql.join(classes)})
    AND disposition IN ('musnah', 'dinilai_kembali') AND ${RETENTION_END} <= ${today}::date`;
}

export type DueDocument = ListedDocument & { disposition: Disposition; retention_end: string };

/** Documents of a village whose retention has run out and whose disposition is not "keep permanently". */
export async function dueForReview(db: Db, villageCode: string, classes: AccessClass[], today: string) {
  const rows = await sql<DueDocument>`
    SELECT ${LISTED}, disposition, ${RETENTION_END}::text AS retention_end
    FROM archive_documents WHERE ${dueWhere(villageCode, classes, today)}
    ORDER BY ${RETENTION_END}, title, id`.execute(db);
  return rows.rows;
}

export async function insertDestruction(
  db: Db,
  values: {
    village_code: string;
    approved_by: string | null;
    approved_at: Date;
    reason: string;
    minutes_number: string;
    documents: number;
  },
): Promise<string> {
  const row = await db
    .insertInto('archive_destructions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markDestroyed(db: Db, ids: string[], destructionId: string, at: Date) {
  if (ids.length === 0) return [];
  return db
    .updateTable('archive_documents')
    .set({ destroyed_at: at, destruction_id: destructionId, file_id: null, text: '', updated_at: at })
    .where('id', 'in', ids)
    .returning(['id', 'village_code'])
    .execute();
}

export function fileIdsOf(db: Db, ids: string[]) {
  return db
    .selectFrom('archive_documents')
    .select(['id', 'file_id'])
    .where('id', 'in', ids)
    .where('file_id', 'is not', null)
    .execute();
}

export function findDestruction(db: Db, id: string) {
  return db.selectFrom('archive_destructions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Documents to (re)feed the platform's search index, with their text. */
export function indexable(db: Db, where: { ids?: string[]; villageCode?: string | undefined }) {
  let q = db
    .selectFrom('archive_documents')
    .select(['id', 'village_code', 'title', 'number', 'classification', 'category', 'access_class', 'text'])
    .where('deleted_at', 'is', null)
    .where('destroyed_at', 'is', null);
  if (where.ids) q = q.where('id', 'in', where.ids);
  if (where.villageCode) q = q.where('village_code', '=', where.villageCode);
  return q.execute();
}

/** Documents whose text holds a NIK (the personal-data export). */
export function holdingText(db: Db, fragment: string) {
  return db
    .selectFrom('archive_documents')
    .select(['id', 'village_code', 'title', 'number', sql<string>`document_date::text`.as('document_date')])
    .where(sql<SqlBool>`position(${fragment} in text) > 0`)
    .where('deleted_at', 'is', null)
    .execute();
}

export function countDueForReview(db: Db, villageCode: string, classes: AccessClass[], today: string) {
  return sql<{ n: number }>`
    SELECT count(*)::int AS n FROM archive_documents WHERE ${dueWhere(villageCode, classes, today)}`
    .execute(db)
    .then((r) => r.rows[0]?.n ?? 0);
}
