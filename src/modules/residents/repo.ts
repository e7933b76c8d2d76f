import { hash } from 'node:crypto';
import { once } from 'node:events';
import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Db } from '../../platform/db/index.ts';
import { NAME_SIMILARITY, titleMatches, withWordSimilarity } from '../../platform/search/service.ts';
import { RESIDENT_COLUMNS, RESIDENT_FIELDS, type ResidentRecord } from './model.ts';
import type { ResidentEventKind, ResidentStatus, ResidentTable } from './schema.ts';
import './schema.ts';

/** Resident as the rest of Simpul sees it: camelCase, dates as YYYY-MM-DD. */
export interface Resident extends ResidentRecord {
  id: string;
  status: ResidentStatus;
}

export const residentColumns = ['id', ...RESIDENT_COLUMNS, 'status'] as const;

/** A resident's row as the registry reads it: every column but the bookkeeping ones. */
export type ResidentRow = Omit<
  Selectable<ResidentTable>,
  'row_hash' | 'regency_code' | 'created_at' | 'updated_at'
>;

/** A date column as YYYY-MM-DD whichever way the driver hands it over. */
export function dateString(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
}

export function toResident(r: ResidentRow): Resident {
  return {
    id: r.id,
    villageCode: r.village_code,
    nik: r.nik,
    familyNumber: r.family_number,
    name: r.name,
    birthPlace: r.birth_place,
    birthDate: dateString(r.birth_date),
    sex: r.sex === 2 ? 2 : 1,
    religionCode: r.religion_code,
    educationCode: r.education_code,
    educationCurrentCode: r.education_current_code,
    occupationCode: r.occupation_code,
    maritalStatusCode: r.marital_status_code,
    familyRelationCode: r.family_relation_code,
    bloodTypeCode: r.blood_type_code,
    citizenshipCode: r.citizenship_code,
    fatherName: r.father_name,
    motherName: r.mother_name,
    dusun: r.dusun,
    rw: r.rw,
    rt: r.rt,
    address: r.address,
    status: r.status,
  };
}

export async function residentByNik(db: Db, nik: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('residents').select(residentColumns).where('nik', '=', nik).executeTakeFirst();
}

/** The registry rows of these NIKs (an import's changed rows, at most a batch). */
export async function residentsByNik(db: Db, niks: string[]): Promise<ResidentRow[]> {
  if (niks.length === 0) return [];
  return db.selectFrom('residents').select(residentColumns).where('nik', 'in', niks).execute();
}

export async function residentById(db: Db, id: string): Promise<ResidentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('residents').select(residentColumns).where('id', '=', id).executeTakeFirst();
}

export async function familyMembers(db: Db, familyNumber: string): Promise<ResidentRow[]> {
  return db
    .selectFrom('residents')
    .select(residentColumns)
    .where('family_number', '=', familyNumber)
    .orderBy('family_relation_code')
    .orderBy('birth_date')
    .execute();
}

// the NIK is the key the hash is stored under, not part of what it compares
const HASHED = RESIDENT_FIELDS.filter((f) => f.field !== 'nik');

/** What re-import compares: every stored field of the record. */
export function recordHash(r: ResidentRecord, status: ResidentStatus = 'hidup'): string {
  // the one-shot hash: a Hash object per row cost a regency import a few seconds
  const values: unknown[] = [];
  for (const { field } of HASHED) values.push(r[field]);
  values.push(status);
  return hash('sha1', values.join('\u001f'), 'base64').slice(0, 22);
}

/**
 * A PostgreSQL array literal ('{"a","b",NULL}') built in one pass: node-postgres' own array
 * encoding cost ~6 µs a row across the 23 columns of a batch.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null | undefined>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else parts[i] = /["\\]/.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `{${parts.join(',')}}`;
}

/**
 * Refreshes the planner's statistics of the registry after an import: a bulk import grows the
 * tables far faster than autovacuum re-analyses them, and the pages read next (lists, statistics
 * recounts) would be planned for the tables as they were before it.
 */
export async function analyseRegistry(db: Db): Promise<void> {
  await sql`ANALYZE residents`.execute(db);
  await sql`ANALYZE families`.execute(db);
}

export interface ExistingNik {
  nik: string;
  village_code: string;
  row_hash: string | null;
  import_id: string | null;
}

export async function existingByNik(db: Db, niks: string[]): Promise<ExistingNik[]> {
  if (niks.length === 0) return [];
  // One index probe per NIK whatever the planner thinks of the table: during a large import its
  // statistics lag behind and "nik = ANY(…)" became a sequential scan per batch, and a plain lateral
  // join is flattened into a merge join over the whole NIK index (quadratic again). LIMIT 1 (a NIK
  // is unique) keeps the subquery from being flattened, so each NIK is one index lookup.
  const result = await sql<ExistingNik>`
    SELECT r.nik, r.village_code, r.row_hash, r.import_id::text AS import_id
    FROM unnest(${arrayLiteral(niks)}::bpchar[]) AS u(nik)
    CROSS JOIN LATERAL (
      SELECT nik, village_code, row_hash, import_id FROM residents WHERE residents.nik = u.nik LIMIT 1
    ) AS r`.execute(db);
  return result.rows;
}

type WriteRow = ResidentRecord & { hash: string; status?: ResidentStatus };

/** The columns a registry write fills: the record's, then its status, hash, import and regency. */
const WRITTEN_COLUMNS = [...RESIDENT_COLUMNS, 'status', 'row_hash', 'import_id', 'regency_code'].join(', ');

/** The regency of a village (or kecamatan) code: the partition key of `residents`. */
export function regencyOf(regionCode: string): string {
  return regionCode.slice(0, 5);
}

/** A village's residents, with its regency so that a partitioned `residents` is pruned to one partition. */
function inVillage(villageCode: string) {
  return (eb: ExpressionBuilder<Database, 'residents'>) =>
    eb.and([eb('regency_code', '=', regencyOf(villageCode)), eb('village_code', '=', villageCode)]);
}

const UPSERT = sql`
    ON CONFLICT (nik, regency_code) DO UPDATE SET
      ${sql.raw(
        [...RESIDENT_COLUMNS.filter((c) => c !== 'nik'), 'status', 'row_hash', 'import_id']
          .map((c) => `${c} = excluded.${c}`)
          .join(', '),
      )}, updated_at = now()
    WHERE residents.row_hash IS DISTINCT FROM excluded.row_hash`;

async function writeResidentRows(
  db: Db,
  rows: WriteRow[],
  importId: string | null,
  upsert: boolean,
): Promise<void> {
  const col = <K extends keyof ResidentRecord>(k: K) =>
    arrayLiteral(rows.map((r) => r[k] as string | number | null));
  const arrays = RESIDENT_FIELDS.map(({ field, type }) => sql`${col(field)}::${sql.raw(type)}[]`);
  await sql`
    INSERT INTO residents (${sql.raw(WRITTEN_COLUMNS)})
    SELECT u.*, ${importId}::uuid, left(u.village_code, 5)
    FROM unnest(${sql.join(arrays)}, ${arrayLiteral(rows.map((r) => r.status ?? 'hidup'))}::text[],
      ${arrayLiteral(rows.map((r) => r.hash))}::text[])
      AS u(${sql.raw(RESIDENT_COLUMNS.join(', '))}, status, row_hash)
    ${upsert ? UPSERT : sql``}`.execute(db);
}

/**
 * How a family card written again takes the new address and head (written without a head, it keeps
 * the one it had), and only when something changed and the card is of the same village.
 */
const FAMILY_UPSERT = sql`ON CONFLICT (family_number) DO UPDATE SET
      dusun = excluded.dusun, rw = excluded.rw, rt = excluded.rt, address = excluded.address,
      head_resident_id = coalesce(excluded.head_resident_id, families.head_resident_id), updated_at = now()
    WHERE families.village_code = excluded.village_code
      AND (families.dusun, families.rw, families.rt, families.address, families.head_resident_id)
        IS DISTINCT FROM (excluded.dusun, excluded.rw, excluded.rt, excluded.address,
          coalesce(excluded.head_resident_id, families.head_resident_id))`;

async function writeFamilies(db: Db, rows: WriteRow[]): Promise<void> {
  const families = new Map<string, ResidentRecord>();
  const heads = new Map<string, string>();
  for (const r of rows) {
    if (!families.has(r.familyNumber) || r.familyRelationCode === 1) families.set(r.familyNumber, r);
    if (r.familyRelationCode === 1) heads.set(r.familyNumber, r.nik);
  }
  const fam = [...families.values()];
  await sql`
    INSERT INTO families (family_number, village_code, dusun, rw, rt, address, head_resident_id)
    SELECT k, v, du, rw, rt, ad, (SELECT id FROM residents r WHERE r.nik = u.head)
    FROM unnest(${arrayLiteral(fam.map((f) => f.familyNumber))}::bpchar[], ${arrayLiteral(fam.map((f) => f.villageCode))}::text[],
      ${arrayLiteral(fam.map((f) => f.dusun))}::text[], ${arrayLiteral(fam.map((f) => f.rw))}::text[],
      ${arrayLiteral(fam.map((f) => f.rt))}::text[], ${arrayLiteral(fam.map((f) => f.address))}::text[],
      ${arrayLiteral(fam.map((f) => heads.get(f.familyNumber) ?? null))}::bpchar[])
      AS u(k, v, du, rw, rt, ad, head)
    ${FAMILY_UPSERT}`.execute(db);
}

/**
 * Writes a batch in one statement (arrays unnested server-side; far cheaper than one INSERT per row)
 * and the families the batch names in a second. ON CONFLICT keeps it idempotent by NIK.
 */
export async function upsertResidents(db: Db, rows: WriteRow[], importId: string | null): Promise<void> {
  if (rows.length === 0) return;
  await writeResidentRows(db, rows, importId, true);
  await writeFamilies(db, rows);
}

/**
 * The import's write: rows it checked to be new go in with a plain INSERT (no speculative
 * insertion), changed rows through the upsert; families follow in writeFamiliesOfImport. Should another writer have added one of the new
 * NIKs meanwhile, the batch falls back to the upsert, which is correct in every case.
 */
export async function writeImportBatch(
  db: Db,
  fresh: WriteRow[],
  changed: WriteRow[],
  importId: string,
  copy: CopyWriter | null = null,
  /** CopyWriter.data of exactly `fresh`, when the caller built it ahead */
  copyData: Buffer | null = null,
): Promise<void> {
  if (fresh.length > 0) {
    try {
      if (copy) await copy.write(copyData ?? copy.data(fresh, importId));
      else await savepointed(db, () => writeResidentRows(db, fresh, importId, false));
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await writeResidentRows(db, fresh, importId, true);
    }
  }
  if (changed.length > 0) await writeResidentRows(db, changed, importId, true);
}

/**
 * After an import: the families of the villages it read, rebuilt from every resident of those
 * villages in one set-based statement, not only from the rows this run wrote. An earlier run that
 * died after writing rows (which this run then finds unchanged) never got to its families; deriving
 * them from the table makes any interrupted import, run again, end as a clean one. Families already
 * right are not written (IS DISTINCT FROM), so a re-import still changes nothing.
 */
export async function rebuildFamilies(db: Db, villageCodes: string[]): Promise<void> {
  if (villageCodes.length === 0) return;
  // the head first; among members without one the lowest NIK, so the card's address does not
  // depend on the order rows happen to lie in the table
  await sql`
    INSERT INTO families (family_number, village_code, dusun, rw, rt, address, head_resident_id)
    SELECT DISTINCT ON (family_number) family_number, village_code, dusun, rw, rt, address,
      CASE WHEN family_relation_code = 1 THEN id END
    FROM residents
    WHERE village_code = ANY(${arrayLiteral(villageCodes)}::text[])
    ORDER BY family_number, coalesce(family_relation_code = 1, false) DESC, nik
    ${FAMILY_UPSERT}`.execute(db);
}

function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : v;
}

function copyCode(v: number | null): string {
  return v === null ? '\\N' : String(v);
}

/**
 * One row in COPY's text format. NIK, KK, date and village code were checked to hold digits, dots
 * and dashes only; the free-text fields are escaped. String concatenation, not an array joined:
 * this runs 1.6 million times in a regency import.
 */
/** One COPY line, its values in WRITTEN_COLUMNS order (spelt out: this runs once per imported row). */
function copyLine(r: WriteRow, importId: string): string {
  return `${r.villageCode}\t${r.nik}\t${r.familyNumber}\t${copyText(r.name)}\t${copyText(r.birthPlace)}\t${r.birthDate}\t${r.sex}\t${copyCode(r.religionCode)}\t${copyCode(r.educationCode)}\t${copyCode(r.educationCurrentCode)}\t${copyCode(r.occupationCode)}\t${copyCode(r.maritalStatusCode)}\t${copyCode(r.familyRelationCode)}\t${copyCode(r.bloodTypeCode)}\t${copyCode(r.citizenshipCode)}\t${copyText(r.fatherName)}\t${copyText(r.motherName)}\t${copyText(r.dusun)}\t${copyText(r.rw)}\t${copyText(r.rt)}\t${copyText(r.address)}\t${r.status ?? 'hidup'}\t${r.hash}\t${importId}\t${regencyOf(r.villageCode)}\n`;
}

/**
 * On a PostgreSQL server, new rows of a "valid rows" import go in through COPY FROM STDIN on a
 * connection of their own: COPY is the fastest way in, and each batch is still one statement
 * (all of it or none). The statement text is fixed; only the data stream carries values.
 */
export class CopyWriter {
  private constructor(private readonly client: pg.Client) {}

  static async open(connectionString: string): Promise<CopyWriter> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    return new CopyWriter(client);
  }

  /** The rows in COPY's text format, ready to send. */
  data(rows: WriteRow[], importId: string): Buffer {
    let text = '';
    for (const r of rows) text += copyLine(r, importId);
    return Buffer.from(text);
  }

  async write(data: Buffer): Promise<void> {
    const stream = this.client.query(copyFrom(`COPY residents (${WRITTEN_COLUMNS}) FROM STDIN`));
    const done = once(stream, 'finish');
    stream.end(data);
    await done;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** Inside a transaction a failed statement aborts it, so the attempt runs under a savepoint. */
async function savepointed(db: Db, fn: () => Promise<void>): Promise<void> {
  if (!db.isTransaction) return fn();
  await sql`SAVEPOINT import_batch`.execute(db);
  try {
    await fn();
    await sql`RELEASE SAVEPOINT import_batch`.execute(db);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT import_batch`.execute(db);
    throw error;
  }
}

/** Recounts the statistics rollup of the given villages from the registry (living residents). */
export async function refreshStats(db: Db, villageCodes: string[]): Promise<void> {
  if (villageCodes.length === 0) return;
  await sql`DELETE FROM resident_stats WHERE village_code = ANY(${arrayLiteral(villageCodes)}::text[])`.execute(
    db,
  );
  await sql`
    INSERT INTO resident_stats (village_code, dimension, sex, bucket, n)
    SELECT r.village_code, d.dimension, r.sex, d.bucket, count(*)::int
    FROM residents r
    CROSS JOIN LATERAL (VALUES
      ('lahir', extract(year FROM r.birth_date)::int),
      ('agama', coalesce(r.religion_code, 0)::int),
      ('pendidikan', coalesce(r.education_code, 0)::int),
      ('pekerjaan', coalesce(r.occupation_code, 0)::int),
      ('status_kawin', coalesce(r.marital_status_code, 0)::int),
      ('hubungan', coalesce(r.family_relation_code, 0)::int)
    ) AS d(dimension, bucket)
    WHERE r.status = 'hidup' AND r.village_code = ANY(${arrayLiteral(villageCodes)}::text[])
    GROUP BY r.village_code, d.dimension, r.sex, d.bucket`.execute(db);
  await refreshFamilyStats(db, villageCodes);
}

/**
 * Recounts only the families figure of the given villages. A family is a KK number that at least
 * one living resident of the village holds (the KK card, as Disdukcapil counts it), whether or not
 * its head is recorded; heads of family are counted apart, by family relation.
 */
export async function refreshFamilyStats(db: Db, villageCodes: string[]): Promise<void> {
  if (villageCodes.length === 0) return;
  await sql`DELETE FROM resident_stats WHERE dimension = 'keluarga' AND village_code = ANY(${arrayLiteral(villageCodes)}::text[])`.execute(
    db,
  );
  await sql`
    INSERT INTO resident_stats (village_code, dimension, sex, bucket, n)
    SELECT r.village_code, 'keluarga', 0, 0, count(DISTINCT r.family_number)::int
    FROM residents r
    WHERE r.village_code = ANY(${arrayLiteral(villageCodes)}::text[]) AND r.status = 'hidup'
    GROUP BY r.village_code`.execute(db);
}

export interface StatRow {
  dimension: string;
  sex: number;
  bucket: number;
  n: number;
}

/** The rollup summed over every village under a region code (village, kecamatan or regency). */
export async function statsForRegion(db: Db, regionCode: string): Promise<StatRow[]> {
  const prefix = scopeLevel(regionCode) === 'village' ? regionCode : `${regionCode}.`;
  const result = await sql<StatRow>`
    SELECT dimension, sex, bucket, sum(n)::int AS n
    FROM resident_stats
    WHERE left(village_code, ${prefix.length}) = ${prefix}
    GROUP BY dimension, sex, bucket`.execute(db);
  return result.rows;
}

export interface ListFilter {
  villageCode: string;
  search?: string | undefined;
  dusun?: string | undefined;
  rw?: string | undefined;
  rt?: string | undefined;
  sex?: number | undefined;
  status?: ResidentStatus | undefined;
  /** born after this date (exclusive) and on or before `bornTo` */
  bornAfter?: string | undefined;
  bornTo?: string | undefined;
  page: number;
  pageSize: number;
}

/** Residents whose id is one of these search documents' ref_id. */
const idIn = (docs: Array<{ ref_id: string }>) =>
  sql<boolean>`id = ANY(${`{${docs.map((r) => r.ref_id).join(',')}}`}::uuid[])`;

/**
 * The total of a list read a page at a time with `count(*) OVER ()`: the page's first row says it,
 * unless the page is past the end (no row to say it), when `count` counts the list alone.
 */
async function pageTotal(
  windowCount: number | undefined,
  page: number,
  count: () => Promise<{ n: number }>,
): Promise<number> {
  if (windowCount !== undefined || page === 1) return Number(windowCount ?? 0);
  return Number((await count()).n);
}

export async function listResidentRows(
  db: Db,
  f: ListFilter,
): Promise<{ rows: ResidentRow[]; total: number }> {
  const term = f.search?.trim() ?? '';
  const byName = term !== '' && !/^\d{4,16}$/.test(term);
  const upper = term.toUpperCase();
  const list = async (db: Db) => {
    let q = db.selectFrom('residents').where(inVillage(f.villageCode));
    if (f.dusun) q = q.where('dusun', '=', f.dusun);
    if (f.rw) q = q.where('rw', '=', f.rw);
    if (f.rt) q = q.where('rt', '=', f.rt);
    if (f.sex) q = q.where('sex', '=', f.sex);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.bornAfter) q = q.where('birth_date', '>', f.bornAfter);
    if (f.bornTo) q = q.where('birth_date', '<=', f.bornTo);
    if (/^\d{4,16}$/.test(term))
      q = q.where((eb) => eb.or([eb('nik', 'like', `${term}%`), eb('family_number', 'like', `${term}%`)]));
    else if (byName) {
      // the name is found in the platform's search index (village code + trigram, one GIN index):
      // word similarity finds "Siti Nurhaliza" from "siti nurhalisa"; ILIKE keeps exact fragments.
      // The ids are read first, so the registry is then read by primary key, never scanned.
      const named = db
        .selectFrom('search_documents')
        .where('module', '=', 'residents')
        .where('kind', '=', 'resident')
        .where('village_code', '=', f.villageCode)
        .where(titleMatches(upper));
      const onlyByName = !(f.dusun || f.rw || f.rt || f.sex || f.status || f.bornAfter || f.bornTo);
      if (onlyByName) {
        // nothing else to filter by: the index pages too (title is the name, body starts with
        // the NIK, so this is the list's order), and only the page's residents are read
        const page = await named
          .select(['ref_id', sql<number>`count(*) OVER ()`.as('n')])
          .orderBy(sql`word_similarity(${upper}, title)`, 'desc')
          .orderBy('title')
          .orderBy('body')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute();
        const total = await pageTotal(page[0]?.n, f.page, () =>
          named.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        );
        if (page.length === 0) return { rows: [], total };
        const rows = await q
          .where(idIn(page))
          .select(residentColumns)
          .orderBy(sql`word_similarity(${upper}, name)`, 'desc')
          .orderBy('name')
          .orderBy('nik')
          .execute();
        return { rows: rows as ResidentRow[], total };
      }
      const ids = await named.select('ref_id').execute();
      if (ids.length === 0) return { rows: [], total: 0 };
      q = q.where(idIn(ids));
    }
    // one scan: the page and the count together (a page past the end counts on its own)
    let rowsQuery = q.select(residentColumns).select(sql<number>`count(*) OVER ()`.as('total_count'));
    if (byName) rowsQuery = rowsQuery.orderBy(sql`word_similarity(${upper}, name)`, 'desc');
    const rows = await rowsQuery
      .orderBy('name')
      .orderBy('nik')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    const total = await pageTotal(rows[0]?.total_count, f.page, () =>
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    );
    return { rows: rows.map(({ total_count: _n, ...row }) => row as ResidentRow), total };
  };
  return byName ? withWordSimilarity(db, NAME_SIMILARITY, list) : list(db);
}

export async function addressOptions(
  db: Db,
  villageCode: string,
): Promise<Array<{ dusun: string; rw: string; rt: string }>> {
  return db
    .selectFrom('families')
    .select(['dusun', 'rw', 'rt'])
    .distinct()
    .where('village_code', '=', villageCode)
    .orderBy('dusun')
    .orderBy('rw')
    .orderBy('rt')
    .execute();
}

/** The columns a record fills (all but the village, which a resident never changes here) and its hash. */
function recordColumns(r: ResidentRecord, status: ResidentStatus) {
  return {
    nik: r.nik,
    family_number: r.familyNumber,
    name: r.name,
    birth_place: r.birthPlace,
    birth_date: r.birthDate,
    sex: r.sex,
    religion_code: r.religionCode,
    education_code: r.educationCode,
    education_current_code: r.educationCurrentCode,
    occupation_code: r.occupationCode,
    marital_status_code: r.maritalStatusCode,
    family_relation_code: r.familyRelationCode,
    blood_type_code: r.bloodTypeCode,
    citizenship_code: r.citizenshipCode,
    father_name: r.fatherName,
    mother_name: r.motherName,
    dusun: r.dusun,
    rw: r.rw,
    rt: r.rt,
    address: r.address,
    status,
    row_hash: recordHash(r, status),
  };
}

export async function insertResident(db: Db, r: ResidentRecord, status: ResidentStatus): Promise<string> {
  const row = await db
    .insertInto('residents')
    .values({
      village_code: r.villageCode,
      regency_code: regencyOf(r.villageCode),
      ...recordColumns(r, status),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateResidentRow(
  db: Db,
  id: string,
  r: ResidentRecord,
  status: ResidentStatus,
): Promise<void> {
  await db
    .updateTable('residents')
    .set({ ...recordColumns(r, status), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Creates the family card if new; makes `headId` its head when given. */
export async function ensureFamily(db: Db, r: ResidentRecord, headId: string | null): Promise<void> {
  await db
    .insertInto('families')
    .values({
      family_number: r.familyNumber,
      village_code: r.villageCode,
      head_resident_id: headId,
      dusun: r.dusun,
      rw: r.rw,
      rt: r.rt,
      address: r.address,
    })
    .onConflict((oc) =>
      oc.column('family_number').doUpdateSet((eb) => ({
        head_resident_id: eb.fn.coalesce(
          eb.ref('excluded.head_resident_id'),
          eb.ref('families.head_resident_id'),
        ),
      })),
    )
    .execute();
}

export async function familyRow(db: Db, familyNumber: string) {
  return db.selectFrom('families').selectAll().where('family_number', '=', familyNumber).executeTakeFirst();
}

export async function insertEvent(
  db: Db,
  e: {
    residentId: string;
    villageCode: string;
    kind: ResidentEventKind;
    date: string;
    detail: Record<string, unknown>;
    by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('resident_events')
    .values({
      resident_id: e.residentId,
      village_code: e.villageCode,
      kind: e.kind,
      event_date: e.date,
      detail: JSON.stringify(e.detail),
      recorded_by: e.by,
    })
    .execute();
}

export async function eventsOf(db: Db, residentId: string) {
  return db
    .selectFrom('resident_events')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('event_date', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

/** One village's residents in name order, a page at a time (keyset on name, NIK), for export. */
export async function exportPage(
  db: Db,
  villageCode: string,
  after: { name: string; nik: string } | null,
  limit: number,
): Promise<ResidentRow[]> {
  let q = db.selectFrom('residents').select(residentColumns).where(inVillage(villageCode));
  if (after) q = q.where(sql<boolean>`(name, nik) > (${after.name}, ${after.nik})`);
  return q.orderBy('name').orderBy('nik').limit(limit).execute();
}

/** The first of these villages (in the order given) that has anyone in its registry, or null. */
export async function firstVillageWithResidents(db: Db, villageCodes: string[]): Promise<string | null> {
  if (villageCodes.length === 0) return null;
  const row = await sql<{ code: string }>`
    SELECT v.code FROM unnest(${arrayLiteral(villageCodes)}::text[]) WITH ORDINALITY AS v(code, i)
    WHERE EXISTS (SELECT 1 FROM residents r WHERE r.village_code = v.code)
    ORDER BY v.i LIMIT 1`.execute(db);
  return row.rows[0]?.code ?? null;
}

/** Living residents and families per village of a region, from the statistics rollup (no person read). */
export async function countPopulationByVillage(db: Db, region: string) {
  const prefix = scopeLevel(region) === 'village' ? region : `${region}.`;
  const rows = await db
    .selectFrom('resident_stats')
    .select([
      'village_code',
      sql<number>`coalesce(sum(n) FILTER (WHERE dimension = 'lahir'), 0)::int`.as('population'),
      sql<number>`coalesce(sum(n) FILTER (WHERE dimension = 'keluarga'), 0)::int`.as('families'),
    ])
    .where(sql<boolean>`left(village_code, ${prefix.length}) = ${prefix}`)
    .groupBy('village_code')
    .execute();
  return rows.map((r) => ({
    villageCode: r.village_code,
    population: Number(r.population),
    families: Number(r.families),
  }));
}

/** Keeps what an import job's updated rows changed (replacing what an earlier run of the job kept). */
export async function saveImportChanges(
  db: Db,
  importJobId: string,
  changes: Array<{ rowNumber: number; nik: string; name: string; fields: Record<string, unknown> }>,
): Promise<void> {
  await db.deleteFrom('resident_import_changes').where('import_job_id', '=', importJobId).execute();
  if (changes.length === 0) return;
  await sql`
    INSERT INTO resident_import_changes (import_job_id, row_number, nik, name, changes)
    SELECT ${importJobId}::uuid, (e->>'rowNumber')::integer, e->>'nik', e->>'name', e->'fields'
    FROM jsonb_array_elements(${JSON.stringify(changes)}::jsonb) AS e
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function importChangesOf(db: Db, importJobId: string, limit: number) {
  return db
    .selectFrom('resident_import_changes')
    .select(['row_number', 'nik', 'name', 'changes'])
    .where('import_job_id', '=', importJobId)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

export async function countImportChanges(db: Db, importJobId: string): Promise<number> {
  const row = await db
    .selectFrom('resident_import_changes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('import_job_id', '=', importJobId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
