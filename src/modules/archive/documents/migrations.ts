import { type Kysely, type Migration, sql } from 'kysely';

const documents: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE archive_destructions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        approved_by uuid,
        approved_at timestamptz NOT NULL,
        reason text NOT NULL,
        minutes_number text NOT NULL,
        documents integer NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE archive_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        village_code text NOT NULL,
        file_id uuid REFERENCES files(id),
        sha256 text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        file_name text NOT NULL,
        title text NOT NULL,
        number text,
        document_date date NOT NULL,
        classification text,
        category text NOT NULL,
        active_years integer NOT NULL CHECK (active_years BETWEEN 0 AND 100),
        inactive_years integer NOT NULL CHECK (inactive_years BETWEEN 0 AND 100),
        disposition text NOT NULL CHECK (disposition IN ('musnah','permanen','dinilai_kembali')),
        access_class text NOT NULL CHECK (access_class IN ('biasa','terbatas','rahasia','sangat_rahasia')),
        location text,
        extraction_state text NOT NULL DEFAULT 'menunggu'
          CHECK (extraction_state IN ('menunggu','berjalan','selesai','gagal')),
        extraction_method text,
        extraction_attempts integer NOT NULL DEFAULT 0,
        extraction_error text,
        extraction_started_at timestamptz,
        extraction_next_at timestamptz,
        pages_done integer NOT NULL DEFAULT 0,
        pages_total integer,
        text text NOT NULL DEFAULT '',
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('indonesian'::regconfig,
            title || ' ' || coalesce(number, '') || ' ' || coalesce(classification, '')), 'A') ||
          setweight(to_tsvector('indonesian'::regconfig, text), 'B')
        ) STORED,
        label text GENERATED ALWAYS AS (title || ' ' || coalesce(number, '')) STORED,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid,
        deleted_reason text,
        destroyed_at timestamptz,
        destruction_id uuid REFERENCES archive_destructions(id)
      )`.execute(db);
    // the same bytes are filed once per village (a second upload points at the first)
    await sql`CREATE UNIQUE INDEX archive_documents_village_sha ON archive_documents (village_code, sha256)`.execute(
      db,
    );
    // words within a village (or a range of villages) from one index, btree_gin holding the code
    await sql`CREATE INDEX archive_documents_search ON archive_documents USING gin (village_code, search)`.execute(
      db,
    );
    await sql`
      CREATE INDEX archive_documents_label ON archive_documents
      USING gin (village_code, label gin_trgm_ops)`.execute(db);
    await sql`CREATE INDEX archive_documents_list ON archive_documents (village_code, document_date DESC)`.execute(
      db,
    );
    await sql`
      CREATE INDEX archive_documents_pending ON archive_documents (created_at)
      WHERE extraction_state <> 'selesai'`.execute(db);
  },
};

export const archiveDocumentsMigrations: Record<string, Migration> = {
  '1130_archive_documents': documents,
};
