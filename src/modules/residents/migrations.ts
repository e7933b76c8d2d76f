import { type Kysely, type Migration, type QueryExecutorProvider, sql } from 'kysely';
import { retargetForeignKeys } from '../../platform/db/foreign-keys.ts';

const residents: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE reference_codes (
        list text NOT NULL,
        code smallint NOT NULL,
        label text NOT NULL,
        PRIMARY KEY (list, code)
      )`.execute(db);
    await sql`
      CREATE TABLE residents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL REFERENCES villages(code),
        nik char(16) NOT NULL UNIQUE,
        family_number char(16) NOT NULL,
        name text NOT NULL,
        birth_place text NOT NULL DEFAULT '',
        birth_date date NOT NULL,
        sex smallint NOT NULL CHECK (sex IN (1, 2)),
        religion_code smallint,
        education_code smallint,
        education_current_code smallint,
        occupation_code smallint,
        marital_status_code smallint,
        family_relation_code smallint,
        blood_type_code smallint,
        citizenship_code smallint,
        father_name text,
        mother_name text,
        dusun text NOT NULL,
        rw text NOT NULL,
        rt text NOT NULL,
        address text,
        status text NOT NULL DEFAULT 'hidup' CHECK (status IN ('hidup', 'pindah', 'mati')),
        row_hash text,
        import_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX residents_village_name ON residents (village_code, name)`.execute(db);
    await sql`CREATE INDEX residents_family ON residents (family_number)`.execute(db);
    await sql`CREATE INDEX residents_name_trgm ON residents USING gin (name gin_trgm_ops)`.execute(db);
    await sql`
      CREATE TABLE families (
        family_number char(16) PRIMARY KEY,
        village_code text NOT NULL REFERENCES villages(code),
        head_resident_id uuid REFERENCES residents(id) ON DELETE SET NULL,
        dusun text NOT NULL,
        rw text NOT NULL,
        rt text NOT NULL,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX families_village ON families (village_code)`.execute(db);
    await sql`
      CREATE TABLE resident_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resident_id uuid NOT NULL REFERENCES residents(id),
        village_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('lahir', 'mati', 'pindah_keluar', 'pindah_masuk', 'ubah')),
        event_date date NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        recorded_by text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE INDEX resident_events_resident ON resident_events (resident_id, event_date)`.execute(db);
    await sql`CREATE INDEX resident_events_village ON resident_events (village_code, recorded_at)`.execute(
      db,
    );
    await sql`
      CREATE TABLE resident_stats (
        village_code text NOT NULL,
        dimension text NOT NULL,
        sex smallint NOT NULL,
        bucket integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (village_code, dimension, sex, bucket)
      )`.execute(db);
    await sql`CREATE INDEX resident_stats_dimension ON resident_stats (dimension, village_code)`.execute(db);
    await sql`
      CREATE TABLE resident_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        file_name text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('valid_rows', 'all_or_nothing')),
        state text NOT NULL DEFAULT 'berjalan',
        rows_total integer NOT NULL DEFAULT 0,
        rows_done integer NOT NULL DEFAULT 0,
        inserted integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        error_file_id uuid,
        message text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`.execute(db);
    await sql`CREATE INDEX resident_imports_village ON resident_imports (village_code, created_at)`.execute(
      db,
    );
  },
};

// Name search runs inside one village through residents_village_name; a regency-wide trigram
// index only slowed every import (each row updates a GIN posting list).
const dropNameTrigram: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`DROP INDEX IF EXISTS residents_name_trgm`.execute(db);
  },
};

// Each row's village is checked by the importer and the services against the regions table; the
// foreign key's per-row trigger cost a fifth of a regency-scale import.
const dropVillageForeignKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE residents DROP CONSTRAINT IF EXISTS residents_village_code_fkey`.execute(db);
    await sql`ALTER TABLE families DROP CONSTRAINT IF EXISTS families_village_code_fkey`.execute(db);
  },
};

// A family's head is only ever set from the residents row read in the same statement, and residents
// are never deleted (deaths and moves are statuses); the foreign key's per-row check took 1.3 s of
// the 3.5 s that writing 111,508 families cost (EXPLAIN ANALYZE, 300,000 residents).
const dropFamilyHeadForeignKey: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE families DROP CONSTRAINT IF EXISTS families_head_resident_id_fkey`.execute(db);
  },
};

// An import runs inside one app server's process; when that process dies the row would stay
// 'berjalan' for ever. The running server touches heartbeat_at, so any server can tell a dead import
// from a live one on another server; `failure` names why it failed, shown translated on the page.
const importHeartbeat: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE resident_imports ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now()`.execute(
      db,
    );
    await sql`ALTER TABLE resident_imports ADD COLUMN failure text`.execute(db);
  },
};

// Imports run on the platform's import job runner (platform/imports, table import_jobs, created by
// 0012_import_jobs, which sorts before 0200 on a fresh database and is applied first on an old one).
// The rows of resident_imports move there with their outcome; the progress column, which held
// thousandths of the file read, is not carried over.
const importsOnPlatform: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      INSERT INTO import_jobs (id, kind, region_code, file_name, options, state, rows_total, rows_done,
        inserted, updated, unchanged, rejected, error_file_id, message, failure, attempts, created_by,
        created_at, started_at, heartbeat_at, finished_at)
      SELECT id, 'residents', village_code, file_name, jsonb_build_object('mode', mode),
        CASE WHEN state IN ('berjalan','selesai','gagal') THEN state ELSE 'gagal' END,
        rows_done, rows_done, inserted, updated, unchanged, rejected, error_file_id, message, failure,
        1, created_by, created_at, CASE WHEN state = 'berjalan' THEN NULL ELSE created_at END,
        heartbeat_at, finished_at
      FROM resident_imports`.execute(db);
    await sql`DROP TABLE resident_imports`.execute(db);
  },
};

// A resident's correction request waits for the village office: one row per request, the fields as
// a small JSON list (a handful per request, each applied or not), the decision on the row.
const corrections: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE resident_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        resident_id uuid NOT NULL REFERENCES residents(id),
        requested_by uuid NOT NULL REFERENCES residents(id),
        items jsonb NOT NULL,
        note text NOT NULL DEFAULT '',
        photo_file_id uuid,
        contact_phone text,
        return_path text,
        state text NOT NULL DEFAULT 'diajukan' CHECK (state IN ('diajukan', 'diterapkan', 'ditolak')),
        reason text,
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX resident_corrections_village ON resident_corrections (village_code, state, created_at)`.execute(
      db,
    );
    await sql`CREATE INDEX resident_corrections_requester ON resident_corrections (requested_by, created_at)`.execute(
      db,
    );
  },
};

// What the "updated" rows of an import changed, field by field (old and new), for the first rows of
// each import job (the importer keeps a bounded number); the job row has the full count.
const importChanges: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE resident_import_changes (
        import_job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        nik text NOT NULL,
        name text NOT NULL,
        changes jsonb NOT NULL,
        PRIMARY KEY (import_job_id, row_number)
      )`.execute(db);
  },
};

// A person's identity, apart from their registry row, so that `residents` can be partitioned by
// regency (docs/scaling.md): a partitioned table's keys must include the partition key, so the
// foreign keys to a resident and the nation-wide uniqueness of a NIK live on this thin table.
// `residents.regency_code` is a plain column (a generated one cannot be a partition key), written
// by every insert. Statement triggers keep the key rows in the same transaction as the residents
// rows: the importer writes through COPY on a connection of its own, upserts by NIK and takes the
// ids from the column default, so no writer in JavaScript could name the rows a statement added.
// Statement-level (transition tables), not per row: one INSERT … SELECT per import batch.
const residentKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE resident_keys (
        id uuid PRIMARY KEY,
        regency_code char(5) NOT NULL,
        nik char(16) UNIQUE
      )`.execute(db);
    await sql`ALTER TABLE residents ADD COLUMN regency_code char(5)`.execute(db);
    await sql`UPDATE residents SET regency_code = left(village_code, 5)`.execute(db);
    await sql`ALTER TABLE residents ALTER COLUMN regency_code SET NOT NULL`.execute(db);
    await sql`ALTER TABLE residents ADD CONSTRAINT residents_regency_code_check
      CHECK (regency_code = left(village_code, 5))`.execute(db);
    // NIK is unique nationally in resident_keys; here with the regency, which a partitioned table
    // requires, NIK first so a lookup by NIK still probes it
    await sql`CREATE UNIQUE INDEX residents_nik_regency ON residents (nik, regency_code)`.execute(db);
    await sql`ALTER TABLE residents DROP CONSTRAINT residents_nik_key`.execute(db);
    await sql`INSERT INTO resident_keys (id, regency_code, nik) SELECT id, regency_code, nik FROM residents`.execute(
      db,
    );
    await retargetForeignKeys(db, 'residents', 'resident_keys', [
      ['resident_events', 'resident_id'],
      ['resident_corrections', 'resident_id'],
      ['resident_corrections', 'requested_by'],
    ]);
    await sql`
      CREATE FUNCTION resident_keys_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO resident_keys (id, regency_code, nik) SELECT id, regency_code, nik FROM changed_rows;
        ELSIF TG_OP = 'UPDATE' THEN
          UPDATE resident_keys k SET nik = c.nik, regency_code = c.regency_code
          FROM changed_rows c
          WHERE k.id = c.id AND (k.nik IS DISTINCT FROM c.nik OR k.regency_code <> c.regency_code);
        ELSE
          DELETE FROM resident_keys WHERE id IN (SELECT id FROM changed_rows);
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await followResidentKeys(db);
  },
};

/** The three statement triggers that keep resident_keys with `residents` (also on its partitioned form). */
export async function followResidentKeys(db: QueryExecutorProvider): Promise<void> {
  await sql`CREATE TRIGGER residents_keys_insert AFTER INSERT ON residents
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_keys_follow()`.execute(
    db,
  );
  await sql`CREATE TRIGGER residents_keys_update AFTER UPDATE ON residents
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_keys_follow()`.execute(
    db,
  );
  await sql`CREATE TRIGGER residents_keys_delete AFTER DELETE ON residents
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_keys_follow()`.execute(
    db,
  );
}

export const residentMigrations: Record<string, Migration> = {
  '0200_residents': residents,
  '0201_residents_drop_name_trigram': dropNameTrigram,
  '0202_residents_drop_village_fk': dropVillageForeignKeys,
  '0203_residents_drop_family_head_fk': dropFamilyHeadForeignKey,
  '0204_residents_import_heartbeat': importHeartbeat,
  '0205_residents_imports_on_platform': importsOnPlatform,
  '0206_residents_corrections': corrections,
  '0207_residents_import_changes': importChanges,
  '0208_residents_keys': residentKeys,
};
