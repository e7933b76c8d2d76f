import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { followResidentKeys } from './migrations.ts';

/**
 * The partitioned layout of `residents` (docs/scaling.md), a PostgreSQL deployment step that
 * `migrate` runs after the migrations when SIMPUL_PARTITION_BY_REGENCY asks for it: `residents`
 * becomes PARTITION BY LIST (regency_code), primary key (regency_code, id), its id a reference to
 * resident_keys, one partition per regency of the served regency's province in the region
 * directory and a DEFAULT one; returns the partitions it made. Run again, it adds the partitions a
 * province gained, moving their rows out of the DEFAULT partition. The embedded database keeps the
 * plain table.
 */
export async function partitionResidentsByRegency(db: Db, regencyCode: string): Promise<string[]> {
  const regencies = await provinceRegencies(db, regencyCode);
  return db.transaction().execute(async (trx) => {
    const converted = !(await isPartitioned(trx));
    if (converted) await convertToPartitioned(trx);
    const added: string[] = [];
    for (const code of regencies) if (await addRegencyPartition(trx, code)) added.push(partitionName(code));
    if (converted || added.length > 0) await sql`ANALYZE residents`.execute(trx);
    return added;
  });
}

/** The regencies of the served one's province in the regions table; at least the served one. */
async function provinceRegencies(db: Db, regencyCode: string): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    SELECT code FROM regencies WHERE province_code = ${regencyCode.slice(0, 2)} ORDER BY code`.execute(db);
  return [...new Set([regencyCode, ...rows.rows.map((r) => r.code)])];
}

async function isPartitioned(db: Db): Promise<boolean> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_partitioned_table WHERE partrelid = to_regclass('residents')`.execute(
    db,
  );
  return result.rows[0]!.n > 0;
}

/** `residents_36_04` for 36.04. */
export function partitionName(regencyCode: string): string {
  return `residents_${regencyCode.replace('.', '_')}`;
}

// The rows are copied into the new table before its indexes and triggers exist (an index built once
// is far cheaper than one kept up row by row, and resident_keys already holds every row's key).
async function convertToPartitioned(db: Db): Promise<void> {
  await sql`LOCK TABLE residents IN ACCESS EXCLUSIVE MODE`.execute(db);
  await sql`CREATE TABLE residents_by_regency
    (LIKE residents INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (regency_code)`.execute(db);
  await sql`CREATE TABLE residents_default PARTITION OF residents_by_regency DEFAULT`.execute(db);
  await sql`INSERT INTO residents_by_regency SELECT * FROM residents`.execute(db);
  // nothing references residents any more (0208_residents_keys, 0302_…): a foreign key left
  // behind makes this DROP fail, and the step with it, rather than lose the key
  await sql`DROP TABLE residents`.execute(db);
  await sql`ALTER TABLE residents_by_regency RENAME TO residents`.execute(db);
  await sql`ALTER TABLE residents ADD CONSTRAINT residents_pkey PRIMARY KEY (regency_code, id)`.execute(db);
  await sql`CREATE UNIQUE INDEX residents_nik_regency ON residents (nik, regency_code)`.execute(db);
  await sql`CREATE INDEX residents_village_name ON residents (village_code, name)`.execute(db);
  await sql`CREATE INDEX residents_family ON residents (family_number)`.execute(db);
  await sql`CREATE INDEX residents_id ON residents (id)`.execute(db);
  // deferred: the key row is written by the statement trigger, which runs after the row checks
  await sql`ALTER TABLE residents ADD CONSTRAINT residents_id_fkey FOREIGN KEY (id)
    REFERENCES resident_keys(id) DEFERRABLE INITIALLY DEFERRED`.execute(db);
  await followResidentKeys(db);
}

/**
 * A regency's partition, its rows moved out of the DEFAULT partition first (a DEFAULT partition
 * holding rows of the new bounds refuses the new partition). The rows move partition to partition,
 * below the parent's statement triggers, so their keys are not touched.
 */
async function addRegencyPartition(db: Db, regencyCode: string): Promise<boolean> {
  const name = partitionName(regencyCode);
  const exists = await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(db);
  if (exists.rows[0]!.t) return false;
  await sql`CREATE TABLE ${sql.table(name)} (LIKE residents INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(
    db,
  );
  await sql`
    WITH moved AS (DELETE FROM residents_default WHERE regency_code = ${regencyCode} RETURNING *)
    INSERT INTO ${sql.table(name)} SELECT * FROM moved`.execute(db);
  await sql`ALTER TABLE residents ATTACH PARTITION ${sql.table(name)} FOR VALUES IN (${sql.lit(regencyCode)})`.execute(
    db,
  );
  return true;
}
