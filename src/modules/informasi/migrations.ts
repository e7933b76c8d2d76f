import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

const informasi: Migration = {
  async up(db: AnyDb) {
    await sql`
      CREATE TABLE informasi_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_kind text NOT NULL CHECK (body_kind IN ('village','agency')),
        body_code text NOT NULL,
        village_code text,
        category text NOT NULL CHECK (category IN ('berkala','serta_merta','setiap_saat','dikecualikan')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        summary text NOT NULL DEFAULT '',
        official text NOT NULL,
        period text NOT NULL,
        format text NOT NULL CHECK (format IN ('softcopy','hardcopy','keduanya')),
        retention text NOT NULL,
        file_id uuid REFERENCES files(id),
        file_name text,
        link text,
        legal_basis text,
        consequence text,
        public_interest text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((body_kind = 'village') = (village_code IS NOT NULL)),
        -- an excluded entry carries its consequence test and never a document
        CHECK (category <> 'dikecualikan' OR (legal_basis IS NOT NULL AND consequence IS NOT NULL
          AND public_interest IS NOT NULL AND file_id IS NULL AND link IS NULL))
      )`.execute(db);
    await sql`CREATE INDEX informasi_entries_body ON informasi_entries (body_kind, body_code, category)`.execute(
      db,
    );
    await sql`
      CREATE TABLE informasi_counters (
        body_kind text NOT NULL,
        body_code text NOT NULL,
        year integer NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (body_kind, body_code, year)
      )`.execute(db);
    await sql`
      CREATE TABLE informasi_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        body_kind text NOT NULL CHECK (body_kind IN ('village','agency')),
        body_code text NOT NULL,
        village_code text,
        year integer NOT NULL,
        seq integer NOT NULL,
        token_hash text NOT NULL,
        name text NOT NULL,
        id_kind text NOT NULL CHECK (id_kind IN ('nik','lain')),
        id_number text,
        address text,
        phone text,
        email text,
        information text NOT NULL,
        purpose text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('lihat','softcopy','hardcopy')),
        copy_method text NOT NULL CHECK (copy_method IN ('email','ambil','pos','tidak')),
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        extended_due_at timestamptz,
        extension_reason text,
        state text NOT NULL CHECK (state IN
          ('diproses','diperpanjang','diterima_seluruhnya','diterima_sebagian','ditolak')),
        decided_at timestamptz,
        answer_note text,
        answer_file_id uuid REFERENCES files(id),
        answer_file_name text,
        refusal_ground text,
        overdue_notified_at timestamptz,
        UNIQUE (body_kind, body_code, year, seq),
        CHECK (state <> 'ditolak' OR refusal_ground IS NOT NULL),
        CHECK ((state = 'diperpanjang') <= (extended_due_at IS NOT NULL))
      )`.execute(db);
    await sql`CREATE INDEX informasi_requests_body ON informasi_requests (body_kind, body_code, received_at)`.execute(
      db,
    );
    await sql`CREATE INDEX informasi_requests_open ON informasi_requests (state, due_at)`.execute(db);
    await sql`CREATE INDEX informasi_requests_id_number ON informasi_requests (id_number)`.execute(db);
    await sql`
      CREATE TABLE informasi_request_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES informasi_requests(id) ON DELETE CASCADE,
        -- the order of events written at the same instant (one clock tick in a test, one transaction)
        seq bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor_id uuid,
        note text NOT NULL DEFAULT ''
      )`.execute(db);
    await sql`CREATE INDEX informasi_request_events_request ON informasi_request_events (request_id, at, seq)`.execute(
      db,
    );
    await sql`
      CREATE TABLE informasi_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL UNIQUE REFERENCES informasi_requests(id) ON DELETE CASCADE,
        reason text NOT NULL,
        note text NOT NULL DEFAULT '',
        filed_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('diproses','dikabulkan','ditolak')),
        decision_note text,
        decided_at timestamptz,
        overdue_notified_at timestamptz
      )`.execute(db);
  },
};

export const informasiMigrations: Record<string, Migration> = {
  '0670_informasi': informasi,
};
